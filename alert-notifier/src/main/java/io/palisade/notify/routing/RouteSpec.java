package io.palisade.notify.routing;

import java.time.Duration;
import java.util.List;

/**
 * One route as configured, before validation (see {@link RoutingTree#build}).
 *
 * @param name shown in dry runs and errors; defaults to the route's position
 * @param matchers all must match ({@link Matcher} syntax); none = matches everything
 * @param receivers who is notified when this route is where an incident ends; empty = inherited
 * @param continueMatching whether later sibling routes are tried after this one matched
 * @param repeatInterval reminder period for open incidents; null = inherited (root default 4h)
 * @param activeTime when the route notifies ({@link TimeWindow} syntax); empty = always
 * @param routes nested routes, tried in order
 */
public record RouteSpec(
    String name,
    List<String> matchers,
    List<String> receivers,
    boolean continueMatching,
    Duration repeatInterval,
    List<String> activeTime,
    List<RouteSpec> routes) {

  public RouteSpec {
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
    receivers = receivers == null ? List.of() : List.copyOf(receivers);
    activeTime = activeTime == null ? List.of() : List.copyOf(activeTime);
    routes = routes == null ? List.of() : List.copyOf(routes);
  }
}
