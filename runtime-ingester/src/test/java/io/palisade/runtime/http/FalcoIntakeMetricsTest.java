package io.palisade.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.IntakeMetrics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FalcoIntakeMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FalcoIntakeMetrics metrics =
      new FalcoIntakeMetrics(registry, new IntakeMetrics(registry));

  @Test
  void countsInternalMessagesByRule() {
    metrics.internal(internal("Falco internal: syscall event drop", "node-1", Map.of()));
    metrics.internal(internal("Falco internal: syscall event drop", "node-2", Map.of()));
    metrics.internal(internal("Test rule", "falcosidekick", Map.of()));

    assertThat(internalCount("Falco internal: syscall event drop")).isEqualTo(2.0);
    assertThat(internalCount("Test rule")).isEqualTo(1.0);
  }

  @Test
  void countsUnknownInternalRulesAsOtherSoThatSendersCannotCreateLabels() {
    metrics.internal(internal("made up 1", "node-1", Map.of()));
    metrics.internal(internal("made up 2", "node-1", Map.of()));

    assertThat(internalCount("other")).isEqualTo(2.0);
    assertThat(registry.find("palisade.runtime.internal").tag("rule", "made up 1").counter())
        .isNull();
  }

  @Test
  void exposesTheLatestDropCountersOfEachHostsMetricsSnapshot() {
    metrics.internal(
        snapshot("node-1", Map.of("scap.n_drops", "12", "falco.outputs_queue_num_drops", "3")));
    metrics.internal(
        snapshot("node-1", Map.of("scap.n_drops", "15", "falco.outputs_queue_num_drops", "4")));
    metrics.internal(snapshot("node-2", Map.of("falco.outputs_queue_num_drops", "0")));

    assertThat(gauge("palisade.falco.kernel.drops", "node-1")).isEqualTo(15.0);
    assertThat(gauge("palisade.falco.outputs.queue.drops", "node-1")).isEqualTo(4.0);
    assertThat(gauge("palisade.falco.outputs.queue.drops", "node-2")).isEqualTo(0.0);
    assertThat(registry.find("palisade.falco.kernel.drops").tag("hostname", "node-2").gauge())
        .as("node-2's snapshot had no kernel counters")
        .isNull();
  }

  @Test
  void tracksAtMostTheConfiguredNumberOfHosts() {
    for (int i = 0; i < FalcoIntakeMetrics.MAX_HOSTS + 5; i++) {
      metrics.internal(snapshot("node-" + i, Map.of("falco.outputs_queue_num_drops", "1")));
    }

    assertThat(registry.find("palisade.falco.outputs.queue.drops").gauges())
        .hasSize(FalcoIntakeMetrics.MAX_HOSTS);
  }

  @Test
  void doesNotTrackHostNamesLongerThanADnsName() {
    String longName = "n".repeat(FalcoIntakeMetrics.MAX_HOSTNAME_LENGTH + 1);

    metrics.internal(snapshot(longName, Map.of("falco.outputs_queue_num_drops", "1")));

    assertThat(registry.find("palisade.falco.outputs.queue.drops").gauges()).isEmpty();
    assertThat(internalCount("Falco internal: metrics snapshot")).isEqualTo(1.0);
  }

  @Test
  void countsDeadLetteredLinesAndAcceptedAlerts() {
    metrics.deadLettered("malformed-json");
    metrics.deadLettered("malformed-json");
    metrics.accepted(internal("Terminal shell in container", "node-1", Map.of()));

    assertThat(
            registry
                .get("palisade.intake.dead.letters")
                .tag("reason", "malformed-json")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .get("palisade.runtime.alerts.accepted")
                .tag("priority", "INFORMATIONAL")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  private double internalCount(String rule) {
    return registry.get("palisade.runtime.internal").tag("rule", rule).counter().count();
  }

  private double gauge(String name, String host) {
    return registry.get(name).tag("hostname", host).gauge().value();
  }

  private static RuntimeAlert snapshot(String host, Map<String, String> fields) {
    return internal("Falco internal: metrics snapshot", host, fields);
  }

  private static RuntimeAlert internal(String rule, String host, Map<String, String> fields) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return RuntimeAlert.newBuilder()
        .setId("x")
        .setCluster("c")
        .setEventTime(t)
        .setIngestTime(t)
        .setRule(rule)
        .setPriority(FalcoPriority.INFORMATIONAL)
        .setSource("internal")
        .setHostname(host)
        .setOutputFields(new HashMap<>(fields))
        .build();
  }
}
