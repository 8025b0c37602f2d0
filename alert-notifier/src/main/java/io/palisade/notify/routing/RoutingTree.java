package io.palisade.notify.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The routing tree, Alertmanager-style. The root matches every incident; its child routes are tried
 * in order, and the first that matches takes the incident (its own children are tried the same way)
 * unless it says {@code continue}, in which case later siblings are tried too. An incident ends on
 * the deepest routes that matched; if no child matched, on their parent. Receivers and the repeat
 * interval are inherited from the parent when a route does not set them; active time windows are
 * not. Built once from configuration, validated with every error listed.
 */
public final class RoutingTree {

  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  /** A validated route. */
  record Route(
      String path,
      List<Matcher> matchers,
      List<String> receivers,
      boolean continueMatching,
      Duration repeatInterval,
      List<TimeWindow> activeTime,
      List<Route> routes) {}

  private final Route root;
  private final Duration shortestRepeatInterval;

  private RoutingTree(Route root) {
    this.root = root;
    this.shortestRepeatInterval = shortest(root);
  }

  private static Duration shortest(Route route) {
    Duration shortest = route.repeatInterval();
    for (Route child : route.routes()) {
      Duration inChild = shortest(child);
      if (inChild.compareTo(shortest) < 0) {
        shortest = inChild;
      }
    }
    return shortest;
  }

  /**
   * The shortest repeat interval of any route: no reminder is due sooner than this after the last
   * message, whatever route an incident takes, so reminder checks can skip such incidents without
   * decoding and routing them.
   */
  public Duration shortestRepeatInterval() {
    return shortestRepeatInterval;
  }

  /**
   * Validates a configured tree against the receivers that exist.
   *
   * @throws InvalidRoutingException listing every problem with the route it is in
   */
  public static RoutingTree build(RouteSpec root, Collection<String> knownReceivers) {
    List<String> errors = new ArrayList<>();
    if (!root.matchers().isEmpty()) {
      errors.add("route 'root': the root route matches every incident, it cannot have matchers");
    }
    if (!root.activeTime().isEmpty()) {
      errors.add("route 'root': the root route cannot have active time windows");
    }
    if (root.receivers().isEmpty()) {
      errors.add("route 'root': the root route needs at least one receiver");
    }
    Route built =
        build(root, "root", List.of(), DEFAULT_REPEAT_INTERVAL, Set.copyOf(knownReceivers), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRoutingException(errors);
    }
    return new RoutingTree(built);
  }

  /** The tree that sends everything to every receiver: what runs without routing configuration. */
  public static RoutingTree everythingTo(Collection<String> receivers) {
    return new RoutingTree(
        new Route(
            "root",
            List.of(),
            List.copyOf(receivers),
            false,
            DEFAULT_REPEAT_INTERVAL,
            List.of(),
            List.of()));
  }

  private static Route build(
      RouteSpec spec,
      String path,
      List<String> inheritedReceivers,
      Duration inheritedRepeat,
      Set<String> known,
      List<String> errors) {
    List<Matcher> matchers = new ArrayList<>();
    for (String text : spec.matchers()) {
      try {
        matchers.add(Matcher.parse(text));
      } catch (IllegalArgumentException e) {
        errors.add("route '" + path + "': " + e.getMessage());
      }
    }
    List<TimeWindow> windows = new ArrayList<>();
    for (String text : spec.activeTime()) {
      try {
        windows.add(TimeWindow.parse(text));
      } catch (IllegalArgumentException e) {
        errors.add("route '" + path + "': " + e.getMessage());
      }
    }
    for (String receiver : spec.receivers()) {
      if (!known.contains(receiver)) {
        errors.add(
            "route '"
                + path
                + "': receiver '"
                + receiver
                + "' is not configured (configured: "
                + known.stream().sorted().toList()
                + ")");
      }
    }
    Duration repeat = spec.repeatInterval() == null ? inheritedRepeat : spec.repeatInterval();
    if (repeat.isNegative() || repeat.isZero()) {
      errors.add("route '" + path + "': repeat-interval must be positive, got " + repeat);
    }
    List<String> receivers = spec.receivers().isEmpty() ? inheritedReceivers : spec.receivers();
    List<Route> children = new ArrayList<>();
    for (int i = 0; i < spec.routes().size(); i++) {
      RouteSpec child = spec.routes().get(i);
      String name =
          child.name() == null || child.name().isBlank() ? Integer.toString(i) : child.name();
      children.add(build(child, path + "/" + name, receivers, repeat, known, errors));
    }
    return new Route(
        path,
        List.copyOf(matchers),
        List.copyOf(receivers),
        spec.continueMatching(),
        repeat,
        List.copyOf(windows),
        List.copyOf(children));
  }

  /** Where {@code subject} goes at {@code now}. */
  public RoutingDecision route(RoutingSubject subject, Instant now) {
    List<RoutingDecision.Match> matches = new ArrayList<>();
    collect(root, subject, now, List.of(), matches);
    return new RoutingDecision(matches);
  }

  private static void collect(
      Route route,
      RoutingSubject subject,
      Instant now,
      List<String> because,
      List<RoutingDecision.Match> matches) {
    boolean childMatched = false;
    for (Route child : route.routes()) {
      if (child.matchers().stream().allMatch(matcher -> matcher.matches(subject))) {
        List<String> reasons = new ArrayList<>(because);
        child.matchers().forEach(matcher -> reasons.add(matcher.text()));
        collect(child, subject, now, reasons, matches);
        childMatched = true;
        if (!child.continueMatching()) {
          break;
        }
      }
    }
    if (!childMatched) {
      boolean active =
          route.activeTime().isEmpty()
              || route.activeTime().stream().anyMatch(window -> window.contains(now));
      matches.add(
          new RoutingDecision.Match(
              route.path(),
              route.receivers(),
              route.repeatInterval(),
              active,
              List.copyOf(because)));
    }
  }

  /** A routing configuration that cannot be used; the message lists every problem. */
  public static final class InvalidRoutingException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidRoutingException(List<String> problems) {
      super("invalid palisade.notifier.routing:\n  - " + String.join("\n  - ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
