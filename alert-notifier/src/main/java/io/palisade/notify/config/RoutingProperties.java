package io.palisade.notify.config;

import io.palisade.notify.routing.RouteSpec;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code palisade.notifier.routing.*}: the root of the routing tree. Unset (no receivers and no
 * routes), every incident goes to every configured receiver. See README.md for an example.
 *
 * @param receivers the root's receivers: where incidents go that no route takes
 * @param repeatInterval the default reminder period (4h)
 * @param routes the routes, tried in order
 */
@ConfigurationProperties("palisade.notifier.routing")
public record RoutingProperties(
    List<String> receivers, Duration repeatInterval, List<Route> routes) {

  /**
   * One route; see {@link RouteSpec} for the meaning of each key. {@code continue} is written as in
   * Alertmanager.
   */
  public record Route(
      String name,
      List<String> matchers,
      List<String> receivers,
      @Name("continue") boolean continueMatching,
      Duration repeatInterval,
      List<String> activeTime,
      List<Route> routes) {

    RouteSpec toSpec() {
      return new RouteSpec(
          name,
          matchers,
          receivers,
          continueMatching,
          repeatInterval,
          activeTime,
          routes == null ? null : routes.stream().map(Route::toSpec).toList());
    }
  }

  /** Whether any routing is configured at all. */
  boolean configured() {
    return (receivers != null && !receivers.isEmpty()) || (routes != null && !routes.isEmpty());
  }

  RouteSpec toSpec() {
    return new RouteSpec(
        "root",
        null,
        receivers,
        false,
        repeatInterval,
        null,
        routes == null ? null : routes.stream().map(Route::toSpec).toList());
  }
}
