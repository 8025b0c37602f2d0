package io.palisade.correlation.detect;

import static io.palisade.correlation.detect.SigmaDetectionTopologyTest.entity;
import static io.palisade.correlation.detect.SigmaDetectionTopologyTest.values;
import static io.palisade.correlation.support.SigmaTopologies.T0;
import static io.palisade.correlation.support.SigmaTopologies.audit;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.EntityKind;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.sigma.SigmaCorrelationRule;
import io.palisade.correlation.sigma.SigmaRuleSet;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.correlation.support.SigmaTopologies;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sigma correlation rules in the detection topology, on event time with out-of-order input. */
class SigmaCorrelationTopologyTest {

  static final String BURST = "33333333-0000-4000-8000-000000000001";
  static final String SECRETS = "33333333-0000-4000-8000-000000000002";
  static final String TEMPORAL = "33333333-0000-4000-8000-000000000003";
  static final String ORDERED = "33333333-0000-4000-8000-000000000004";
  static final String RBAC_CHANGE = "22222222-0000-4000-8000-000000000003";
  static final String WORKLOAD_CHANGE = "22222222-0000-4000-8000-000000000004";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private DetectionHarness harness() {
    return SigmaTopologies.harness("correlations", DetectionSettings.defaults(), meters);
  }

  private static void forbidden(DetectionHarness harness, String id, String user, Instant at) {
    harness.audit.pipeInput("k", audit(id, user, "list", "secrets", "shop", "", 403, at));
  }

  @Test
  void eventCountFiresOnTheThirdForbiddenRequestWithinTheTimespan() {
    try (DetectionHarness harness = harness()) {
      forbidden(harness, "f1", "alice", T0);
      forbidden(harness, "f2", "alice", T0.plusSeconds(20));
      assertThat(harness.signals()).isEmpty(); // generate: false, and only 2 so far

      forbidden(harness, "f3", "alice", T0.plusSeconds(45));

      Signal signal = single(harness);
      assertThat(signal.getRuleId()).isEqualTo(BURST);
      assertThat(signal.getTitle()).isEqualTo("Test forbidden burst");
      assertThat(signal.getSeverity()).isEqualTo(Severity.MEDIUM);
      assertThat(signal.getTactic()).isEqualTo("TA0007 Discovery");
      assertThat(signal.getTechniques()).containsExactly("T1613");
      assertThat(signal.getEntities()).containsExactly(entity(EntityKind.ACTOR, "alice"));
      assertThat(signal.getEventTime()).isEqualTo(T0.plusSeconds(45));
      assertThat(signal.getEvidence().getId()).isEqualTo("f3/ResponseComplete");
      assertThat(signal.getEvidence().getSummary())
          .isEqualTo("event_count 3 (gte 3) within PT1M for user.username=alice");
      assertThat(signal.getEvidenceIds())
          .containsExactly("f1/ResponseComplete", "f2/ResponseComplete", "f3/ResponseComplete");
    }
  }

  @Test
  void windowsSlideOnEventTimeInsteadOfClockBuckets() {
    try (DetectionHarness harness = harness()) {
      // 12:00:40, 12:01:10, 12:01:30: within one minute, across a clock-minute boundary
      forbidden(harness, "f1", "alice", T0.plusSeconds(40));
      forbidden(harness, "f2", "alice", T0.plusSeconds(70));
      forbidden(harness, "f3", "alice", T0.plusSeconds(90));

      assertThat(single(harness).getRuleId()).isEqualTo(BURST);
    }
  }

  @Test
  void bothEndsOfTheTimespanAreInside() {
    try (DetectionHarness harness = harness()) {
      forbidden(harness, "f1", "alice", T0);
      forbidden(harness, "f2", "alice", T0.plusSeconds(30));
      forbidden(harness, "f3", "alice", T0.plusSeconds(60));

      assertThat(single(harness).getRuleId()).isEqualTo(BURST);
    }
  }

  @Test
  void groupsAreSeparatePerCluster() {
    try (DetectionHarness harness = harness()) {
      forbidden(harness, "f1", "alice", T0);
      forbidden(harness, "f2", "alice", T0.plusSeconds(1));
      harness.audit.pipeInput(
          "k",
          io.palisade.avro.AuditEvent.newBuilder(
                  audit("f3", "alice", "list", "secrets", "shop", "", 403, T0.plusSeconds(2)))
              .setCluster("other")
              .build());

      assertThat(harness.signals()).isEmpty();
    }
  }

  @Test
  void matchesFurtherApartThanTheTimespanDoNotFire() {
    try (DetectionHarness harness = harness()) {
      forbidden(harness, "f1", "alice", T0);
      forbidden(harness, "f2", "alice", T0.plusSeconds(40));
      forbidden(harness, "f3", "alice", T0.plusSeconds(61));
      forbidden(harness, "f4", "bob", T0.plusSeconds(62));
      forbidden(harness, "f5", "bob", T0.plusSeconds(63));

      assertThat(harness.signals()).isEmpty();
    }
  }

  @Test
  void outOfOrderMatchesWithinTheGraceCount() {
    try (DetectionHarness harness = harness()) {
      forbidden(harness, "f1", "alice", T0);
      forbidden(harness, "f3", "alice", T0.plusSeconds(50));
      // 30 s behind stream time is within the default 30 s grace
      forbidden(harness, "f2", "alice", T0.plusSeconds(20));

      Signal signal = single(harness);
      assertThat(signal.getEvidenceIds())
          .containsExactly("f1/ResponseComplete", "f2/ResponseComplete", "f3/ResponseComplete");
      assertThat(signal.getEventTime()).isEqualTo(T0.plusSeconds(50));
    }
  }

  @Test
  void matchesLaterThanTheGraceAreIgnored() {
    try (DetectionHarness harness = harness()) {
      forbidden(harness, "f1", "alice", T0);
      forbidden(harness, "f2", "alice", T0.plusSeconds(5));
      // bob moves stream time 95 s past
      harness.audit.pipeInput(
          "k", audit("x", "bob", "get", "pods", "shop", "web", 200, T0.plusSeconds(100)));
      // 95 s behind stream time: beyond the grace, even though it would make three in 10 s
      forbidden(harness, "f3", "alice", T0.plusSeconds(10));

      assertThat(harness.signals()).isEmpty();
      assertThat(meters.counter("palisade.detection.correlation.late").count()).isEqualTo(1);
    }
  }

  @Test
  void valueCountCountsDistinctValues() {
    try (DetectionHarness harness = harness()) {
      harness.audit.pipeInput("k", audit("s1", "alice", "get", "secrets", "shop", "db", 200, T0));
      harness.audit.pipeInput(
          "k", audit("s2", "alice", "get", "secrets", "shop", "db", 200, T0.plusSeconds(1)));
      harness.audit.pipeInput(
          "k", audit("s3", "alice", "get", "secrets", "shop", "api", 200, T0.plusSeconds(2)));
      assertThat(harness.signals()).isEmpty(); // four reads, two distinct secrets

      harness.audit.pipeInput(
          "k", audit("s4", "alice", "get", "secrets", "shop", "tls", 200, T0.plusSeconds(3)));

      Signal signal = single(harness);
      assertThat(signal.getRuleId()).isEqualTo(SECRETS);
      assertThat(signal.getTechniques()).containsExactly("T1552.007");
      assertThat(signal.getEvidence().getSummary())
          .isEqualTo("value_count 3 (gte 3) within PT1M for user.username=alice");
    }
  }

  @Test
  void temporalFiresInAnyOrderAndTemporalOrderedOnlyInOrder() {
    try (DetectionHarness harness = harness()) {
      // workload change first, RBAC change second: temporal only
      harness.audit.pipeInput(
          "k", audit("w1", "mallory", "patch", "deployments", "shop", "web", 200, T0));
      harness.audit.pipeInput(
          "k",
          audit(
              "r1",
              "mallory",
              "create",
              "clusterrolebindings",
              "",
              "pwn",
              201,
              T0.plusSeconds(60)));

      List<Signal> first = values(harness.signals());
      assertThat(first)
          .extracting(Signal::getRuleId)
          .containsExactly(WORKLOAD_CHANGE, RBAC_CHANGE, TEMPORAL); // generate: true
      Signal temporal = first.get(2);
      assertThat(temporal.getEntities()).containsExactly(entity(EntityKind.ACTOR, "mallory"));
      assertThat(temporal.getTactic()).isNull(); // neither the rule nor its base rules have tags

      // then a workload change after the RBAC change: the ordered rule fires
      harness.audit.pipeInput(
          "k",
          audit("w2", "mallory", "patch", "deployments", "shop", "api", 200, T0.plusSeconds(120)));

      List<Signal> second = values(harness.signals());
      assertThat(second).extracting(Signal::getRuleId).contains(ORDERED);
      Signal ordered = second.stream().filter(s -> s.getRuleId().equals(ORDERED)).findFirst().get();
      assertThat(ordered.getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(ordered.getTechniques()).containsExactly("T1098");
      assertThat(ordered.getEvidenceIds())
          .containsExactly("r1/ResponseComplete", "w2/ResponseComplete");
    }
  }

  @Test
  void temporalOrderedAcceptsTheFirstStepArrivingLateWithinTheGrace() {
    try (DetectionHarness harness = harness()) {
      harness.audit.pipeInput(
          "k",
          audit("w1", "mallory", "patch", "deployments", "shop", "web", 200, T0.plusSeconds(30)));
      // the RBAC change happened before, but arrives after (20 s behind stream time)
      harness.audit.pipeInput(
          "k",
          audit("r1", "mallory", "create", "rolebindings", "shop", "pwn", 201, T0.plusSeconds(10)));

      assertThat(values(harness.signals())).extracting(Signal::getRuleId).contains(ORDERED);
    }
  }

  @Test
  void upperBoundedConditionsAreEvaluatedWhenTheWindowCloses() {
    String rules =
        """
        title: Quiet forbidden
        id: 44444444-0000-4000-8000-000000000001
        name: quiet_forbidden
        logsource: {product: kubernetes, service: audit}
        detection:
          selection:
            responseStatus.code: 403
          condition: selection
        ---
        title: Exactly two forbidden requests
        id: 44444444-0000-4000-8000-000000000002
        correlation:
          type: event_count
          rules: [quiet_forbidden]
          group-by: [user.username]
          timespan: 1m
          condition:
            eq: 2
        """;
    SigmaRuleSet set =
        SigmaRuleSet.load(List.of(new io.palisade.correlation.sigma.RuleFile("test.yml", rules)));
    assertThat(set.correlations())
        .extracting(SigmaCorrelationRule::key)
        .containsExactly("44444444-0000-4000-8000-000000000002");
    try (DetectionHarness harness =
        SigmaTopologies.harness(
            SigmaRules.fixed(set, meters), DetectionSettings.defaults(), meters)) {
      forbidden(harness, "f1", "alice", T0);
      forbidden(harness, "f2", "alice", T0.plusSeconds(10));
      forbidden(harness, "g1", "bob", T0);
      forbidden(harness, "g2", "bob", T0.plusSeconds(10));
      forbidden(harness, "g3", "bob", T0.plusSeconds(20));
      assertThat(harness.signals()).isEmpty(); // not decided before the window is complete

      // stream time passes T0 + 1 min + 30 s grace (a non-matching event carries time forward)
      harness.audit.pipeInput(
          "k", audit("x", "carol", "get", "pods", "shop", "web", 200, T0.plusSeconds(95)));

      assertThat(values(harness.signals()))
          .singleElement()
          .satisfies(
              s -> assertThat(s.getEntities()).containsExactly(entity(EntityKind.ACTOR, "alice")));
    }
  }

  @Test
  void repeatedFiringsOfOneCorrelationAreAggregatedLikeAnyRepeat() {
    try (DetectionHarness harness = harness()) {
      for (int i = 0; i < 9; i++) {
        forbidden(harness, "f" + i, "alice", T0.plusSeconds(i));
      }
      // three firings (3 matches each), the second and third held as repeats
      assertThat(values(harness.signals())).singleElement();
      harness.audit.pipeInput(
          "k", audit("x", "bob", "get", "pods", "shop", "web", 200, T0.plusSeconds(100)));

      assertThat(values(harness.signals()))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.getRuleId()).isEqualTo(BURST);
                assertThat(s.getCount()).isEqualTo(2);
              });
    }
  }

  private static Signal single(DetectionHarness harness) {
    List<Signal> signals = values(harness.signals());
    assertThat(signals).hasSize(1);
    return signals.get(0);
  }
}
