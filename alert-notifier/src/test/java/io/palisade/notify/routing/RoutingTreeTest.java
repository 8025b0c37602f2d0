package io.palisade.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.notify.IncidentFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTreeTest {

  private static final List<String> RECEIVERS =
      List.of("webhook", "slack", "pagerduty", "email", "kafka-topic");

  /** A Friday afternoon in Paris. */
  private static final Instant OFFICE_HOURS = Instant.parse("2026-11-27T14:00:00Z");

  /** The same Friday evening. */
  private static final Instant OUT_OF_HOURS = Instant.parse("2026-11-27T20:00:00Z");

  private static RouteSpec route(
      String name, List<String> matchers, List<String> receivers, RouteSpec... routes) {
    return new RouteSpec(name, matchers, receivers, false, null, null, List.of(routes));
  }

  private static RouteSpec continuing(RouteSpec route) {
    return new RouteSpec(
        route.name(),
        route.matchers(),
        route.receivers(),
        true,
        route.repeatInterval(),
        route.activeTime(),
        route.routes());
  }

  /**
   * root → webhook; shop (namespace shop, continue) → slack, with a nested out-of-hours pager for
   * severity ≥ HIGH; audit-team (rule k8s.exec.into-pod) → kafka-topic; low → email.
   */
  private final RoutingTree tree =
      RoutingTree.build(
          new RouteSpec(
              "root",
              null,
              List.of("webhook"),
              false,
              Duration.ofHours(4),
              null,
              List.of(
                  continuing(
                      route(
                          "shop",
                          List.of("namespace=~shop|payments"),
                          List.of("slack"),
                          new RouteSpec(
                              "page-out-of-hours",
                              List.of("severity>=HIGH", "status=OPEN"),
                              List.of("pagerduty", "slack"),
                              false,
                              Duration.ofMinutes(30),
                              List.of("Mon-Fri 18:00-08:00 Europe/Paris", "Sat,Sun"),
                              null))),
                  route("audit-team", List.of("rule=k8s.exec.into-pod"), List.of("kafka-topic")),
                  route("low", List.of("severity<=LOW"), List.of("email")))),
          RECEIVERS);

  private static RoutingSubject subject(String fixtureCase) {
    return RoutingSubject.of(IncidentFixtures.incident(fixtureCase));
  }

  @Test
  void knowsItsShortestRepeatIntervalSoThatReminderChecksCanSkipFreshIncidents() {
    assertThat(tree.shortestRepeatInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(RoutingTree.everythingTo(RECEIVERS).shortestRepeatInterval())
        .isEqualTo(RoutingTree.DEFAULT_REPEAT_INTERVAL);
  }

  @Test
  void continueLetsLaterSiblingsMatchAndNestedRoutesTakeTheIncident() {
    RoutingDecision decision = tree.route(subject("exec-reverse-shell"), OUT_OF_HOURS);

    assertThat(decision.routes())
        .extracting(RoutingDecision.Match::path)
        .containsExactly("root/shop/page-out-of-hours", "root/audit-team");
    assertThat(decision.receivers()).containsExactly("pagerduty", "slack", "kafka-topic");
    assertThat(decision.routes().get(0).because())
        .containsExactly("namespace=~shop|payments", "severity>=HIGH", "status=OPEN");
    assertThat(decision.repeatInterval("pagerduty")).isEqualTo(Duration.ofMinutes(30));
    assertThat(decision.repeatInterval("kafka-topic")).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void aRouteOutsideItsActiveTimeMatchesButNotifiesNobody() {
    RoutingDecision decision = tree.route(subject("exec-reverse-shell"), OFFICE_HOURS);

    assertThat(decision.routes().get(0).path()).isEqualTo("root/shop/page-out-of-hours");
    assertThat(decision.routes().get(0).active()).isFalse();
    assertThat(decision.receivers()).containsExactly("kafka-topic");
  }

  @Test
  void withoutAMatchingChildTheParentTakesTheIncident() {
    Incident resolved =
        Incident.newBuilder(IncidentFixtures.incident("exec-reverse-shell"))
            .setStatus(IncidentStatus.RESOLVED)
            .setSignals(List.of())
            .build();

    RoutingDecision decision = tree.route(RoutingSubject.of(resolved), OUT_OF_HOURS);

    assertThat(decision.routes())
        .extracting(RoutingDecision.Match::path)
        .containsExactly("root/shop");
    assertThat(decision.receivers()).containsExactly("slack");
  }

  @Test
  void firstMatchWinsWithoutContinueAndReceiversAreInherited() {
    RoutingTree firstWins =
        RoutingTree.build(
            route(
                "root",
                null,
                List.of("webhook"),
                route("any-shop", List.of("namespace=shop"), null),
                route("critical", List.of("severity=CRITICAL"), List.of("pagerduty"))),
            RECEIVERS);

    RoutingDecision decision = firstWins.route(subject("exec-reverse-shell"), OFFICE_HOURS);

    assertThat(decision.routes())
        .extracting(RoutingDecision.Match::path)
        .containsExactly("root/any-shop");
    assertThat(decision.receivers()).containsExactly("webhook");
  }

  @Test
  void nothingMatchingEndsAtTheRoot() {
    Incident other =
        Incident.newBuilder(IncidentFixtures.incident("merged-incident"))
            .setSeverity(Severity.MEDIUM)
            .setEntities(List.of())
            .setSignals(List.of())
            .build();

    assertThat(tree.route(RoutingSubject.of(other), OFFICE_HOURS).receivers())
        .containsExactly("webhook");
  }

  @Test
  void listsEveryConfigurationProblemWithItsRoute() {
    RouteSpec broken =
        new RouteSpec(
            "root",
            List.of("severity>=HIGH"),
            List.of(),
            false,
            null,
            List.of("Sat"),
            List.of(
                route("a", List.of("namespace=~(oops"), List.of("teams")),
                new RouteSpec(
                    "b", null, null, false, Duration.ZERO, List.of("Mon-Fri 25:00-08:00"), null)));

    assertThatThrownBy(() -> RoutingTree.build(broken, RECEIVERS))
        .isInstanceOfSatisfying(
            RoutingTree.InvalidRoutingException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "route 'root': the root route matches every incident, it cannot have"
                            + " matchers",
                        "route 'root': the root route cannot have active time windows",
                        "route 'root': the root route needs at least one receiver",
                        "route 'root/a': matcher 'namespace=~(oops': invalid regex: Unclosed group",
                        "route 'root/a': receiver 'teams' is not configured (configured:"
                            + " [email, kafka-topic, pagerduty, slack, webhook])",
                        "route 'root/b': active time 'Mon-Fri 25:00-08:00': invalid hours"
                            + " '25:00-08:00'",
                        "route 'root/b': repeat-interval must be positive, got PT0S"))
        .hasMessageStartingWith("invalid palisade.notifier.routing:");
  }
}
