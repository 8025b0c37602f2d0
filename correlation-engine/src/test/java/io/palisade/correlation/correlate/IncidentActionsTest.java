package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.IncidentActionType;
import io.palisade.avro.IncidentResolution;
import io.palisade.avro.IncidentStatus;
import io.palisade.correlation.support.CorrelationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Analysts' actions from the actions topic, applied by the incident sub-topology. */
class IncidentActionsTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  private final CorrelationHarness harness = new CorrelationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void acknowledgeAndAssignEachEmitTheNextVersion() {
    Incident open = open();

    Incident acknowledged =
        only(harness.act(action("a1", IncidentActionType.ACKNOWLEDGE, open, 60).build()));
    Incident assigned =
        only(
            harness.act(
                action("a2", IncidentActionType.ASSIGN, open, 120).setAssignee("carol").build()));

    assertThat(acknowledged.getVersion()).isEqualTo(2);
    assertThat(acknowledged.getAcknowledgedBy()).isEqualTo("bob");
    assertThat(acknowledged.getAcknowledgedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(acknowledged.getStatus()).isEqualTo(IncidentStatus.OPEN);
    assertThat(acknowledged.getEventTime()).isEqualTo(T0.plusSeconds(60));
    assertThat(assigned.getVersion()).isEqualTo(3);
    assertThat(assigned.getAssignee()).isEqualTo("carol");
    assertThat(assigned.getAcknowledgedBy()).isEqualTo("bob");

    Incident unassigned =
        only(harness.act(action("a3", IncidentActionType.ASSIGN, open, 180).build()));
    assertThat(unassigned.getAssignee()).isNull();
  }

  @Test
  void resolveThenReopenByTheAnalyst() {
    Incident open = open();

    Incident resolved =
        only(harness.act(action("r", IncidentActionType.RESOLVE, open, 60).build()));
    Incident reopened =
        only(harness.act(action("o", IncidentActionType.REOPEN, open, 120).build()));

    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(resolved.getResolution()).isEqualTo(IncidentResolution.ANALYST);
    assertThat(resolved.getVersion()).isEqualTo(2);
    assertThat(reopened.getStatus()).isEqualTo(IncidentStatus.OPEN);
    assertThat(reopened.getResolution()).isNull();
    assertThat(reopened.getReopened()).isEqualTo(1);
    assertThat(reopened.getVersion()).isEqualTo(3);
  }

  @Test
  void anAnalystResolvedIncidentIsReopenedByNewEvidence() {
    Incident open = open();
    harness.act(action("r", IncidentActionType.RESOLVE, open, 60).build());

    Incident again =
        only(harness.send(signal("b").at(T0.plusSeconds(300)).pod("shop/web").build()));

    assertThat(again.getId()).isEqualTo(open.getId());
    assertThat(again.getStatus()).isEqualTo(IncidentStatus.OPEN);
    assertThat(again.getReopened()).isEqualTo(1);
  }

  @Test
  void anActionIdAlreadyAppliedIsIgnored() {
    Incident open = open();
    IncidentAction acknowledge = action("a1", IncidentActionType.ACKNOWLEDGE, open, 60).build();

    harness.act(acknowledge);
    List<TestRecord<String, Incident>> redelivered = harness.act(acknowledge);

    assertThat(redelivered).isEmpty();
  }

  @Test
  void anActionForAnUnknownIncidentIsCountedAndTheStreamGoesOn() {
    Incident open = open();
    IncidentAction unknown =
        IncidentAction.newBuilder()
            .setId("x")
            .setCluster("demo")
            .setIncidentId("no-such-incident")
            .setTime(T0.plusSeconds(10))
            .setType(IncidentActionType.ACKNOWLEDGE)
            .setActor("bob")
            .build();

    assertThat(harness.act(unknown)).isEmpty();
    assertThat(counter("unknown-incident-actions-total")).isEqualTo(1.0);
    assertThat(harness.act(action("a", IncidentActionType.ACKNOWLEDGE, open, 20).build()))
        .hasSize(1);
    // REOPEN of an open incident does not apply
    assertThat(harness.act(action("b", IncidentActionType.REOPEN, open, 30).build())).isEmpty();
    assertThat(counter("ignored-incident-actions-total")).isEqualTo(1.0);
  }

  @Test
  void falsePositiveWithSuppressionDropsTheSameRuleOnTheSameEntitiesUntilItEnds() {
    Incident open = open();

    Incident falsePositive =
        only(
            harness.act(
                action("fp", IncidentActionType.FALSE_POSITIVE, open, 60)
                    .setSuppressForMillis(Duration.ofHours(1).toMillis())
                    .build()));
    assertThat(falsePositive.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(falsePositive.getResolution()).isEqualTo(IncidentResolution.FALSE_POSITIVE);

    // same rule, same pod, within the hour: suppressed
    assertThat(
            harness.send(
                signal("again").rule("noisy.rule").at(T0.plusSeconds(600)).pod("shop/web").build()))
        .isEmpty();
    assertThat(counter("suppressed-signals-total")).isEqualTo(1.0);
    // another rule on the pod: a new incident (a false positive is not reopened)
    Incident other =
        only(
            harness.send(
                signal("other")
                    .rule("other.rule")
                    .at(T0.plusSeconds(660))
                    .pod("shop/web")
                    .build()));
    assertThat(other.getId()).isNotEqualTo(open.getId());
    // the same rule after the suppression ended: counted again
    Incident after =
        only(
            harness.send(
                signal("after")
                    .rule("noisy.rule")
                    .at(T0.plusSeconds(60).plus(Duration.ofHours(1)).plusSeconds(1))
                    .pod("shop/web")
                    .build()));
    assertThat(after.getSignalCount()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void suppressionsLeaveTheirStoreOnceOver() {
    Incident open = open();
    harness.act(
        action("fp", IncidentActionType.FALSE_POSITIVE, open, 60)
            .setSuppressForMillis(Duration.ofMinutes(10).toMillis())
            .build());
    // the incident's one rule on each of its two linking entities (alice, shop/web)
    assertThat(suppressions()).isEqualTo(2);

    harness.send(signal("later").cluster("other").at(T0.plusSeconds(60 * 12)).actor("x").build());

    assertThat(suppressions()).isZero();
  }

  private long suppressions() {
    try (var all =
        harness.driver.<String, Long>getKeyValueStore(IncidentTopology.SUPPRESSION_STORE).all()) {
      long count = 0;
      while (all.hasNext()) {
        all.next();
        count++;
      }
      return count;
    }
  }

  private Incident open() {
    return only(
        harness.send(signal("a").rule("noisy.rule").at(T0).actor("alice").pod("shop/web").build()));
  }

  private double counter(String name) {
    return harness.driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(java.util.Map.Entry<MetricName, ? extends Metric>::getValue)
        .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue())
        .sum();
  }

  private static IncidentAction.Builder action(
      String id, IncidentActionType type, Incident incident, long secondsAfterT0) {
    return IncidentAction.newBuilder()
        .setId(id)
        .setCluster(incident.getCluster())
        .setIncidentId(incident.getId())
        .setTime(T0.plusSeconds(secondsAfterT0))
        .setType(type)
        .setActor("bob");
  }

  private static Incident only(List<TestRecord<String, Incident>> records) {
    assertThat(records).hasSize(1);
    return records.get(0).value();
  }
}
