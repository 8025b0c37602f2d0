package io.palisade.notify.routing;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where one incident version goes and why: every route it ended on (first match wins among siblings
 * unless {@code continue}), with the matchers that took it there.
 *
 * @param routes the routes the incident ended on, in tree order
 */
public record RoutingDecision(List<Match> routes) {

  /**
   * One route the incident ended on.
   *
   * @param path route names from the root, e.g. {@code root/prod/page-out-of-hours}
   * @param receivers who this route notifies
   * @param repeatInterval its reminder period
   * @param active false when outside the route's active time (it matched but does not notify now)
   * @param because the matchers along the path that matched, e.g. {@code severity>=HIGH}
   */
  public record Match(
      String path,
      List<String> receivers,
      Duration repeatInterval,
      boolean active,
      List<String> because) {}

  public RoutingDecision {
    routes = List.copyOf(routes);
  }

  /** The receivers to notify now: those of the active matched routes, each once. */
  public Set<String> receivers() {
    Set<String> names = new LinkedHashSet<>();
    routes.stream().filter(Match::active).forEach(match -> names.addAll(match.receivers()));
    return names;
  }

  /** The shortest repeat interval among the active routes that notify {@code receiver}. */
  public Duration repeatInterval(String receiver) {
    return routes.stream()
        .filter(Match::active)
        .filter(match -> match.receivers().contains(receiver))
        .map(Match::repeatInterval)
        .min(Duration::compareTo)
        .orElse(RoutingTree.DEFAULT_REPEAT_INTERVAL);
  }
}
