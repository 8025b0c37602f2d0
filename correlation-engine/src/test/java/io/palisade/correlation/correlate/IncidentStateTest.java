package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.EvidenceSource;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class IncidentStateTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");
  private static final Instant WALL = Instant.parse("2026-02-01T08:00:00Z");
  private static final CorrelationSettings SETTINGS = CorrelationSettings.defaults();
  private static final CorrelationSettings ONE = SETTINGS.withTimelineLimit(1);

  @Test
  void stateSurvivesItsJsonRoundTrip() {
    IncidentState state =
        IncidentState.open(
                "incident-1",
                signal("a")
                    .at(T0)
                    .actor("alice")
                    .severity(Severity.HIGH)
                    .tactic("TA0004 Privilege Escalation", "T1611")
                    .build(),
                SETTINGS,
                WALL)
            .add(
                signal("b")
                    .at(T0.plusSeconds(9))
                    .pod("shop/web")
                    .source(EvidenceSource.RUNTIME)
                    .build(),
                SETTINGS,
                WALL)
            .nextVersion();
    JsonSerde<IncidentState> serde = new JsonSerde<>(IncidentState.class);

    IncidentState read = serde.deserialize("changelog", serde.serialize("changelog", state));

    assertThat(read).isEqualTo(state);
  }

  @Test
  void timesAreStoredAsEpochMillisAndIsoTextOfEarlierVersionsStillReads() {
    IncidentState state =
        IncidentState.open(
                "incident-1",
                signal("a").rule("rule-a").at(T0).actor("alice").build(),
                SETTINGS,
                WALL)
            .nextVersion();
    JsonSerde<IncidentState> serde = new JsonSerde<>(IncidentState.class);
    byte[] isoText = JsonMapper.builder().build().writeValueAsBytes(state);

    JsonNode stored = JsonMapper.builder().build().readTree(serde.serialize("changelog", state));
    assertThat(stored.get("firstSeen").isNumber()).isTrue();
    assertThat(new String(isoText, StandardCharsets.UTF_8)).contains("\"" + T0 + "\"");
    assertThat(serde.deserialize("changelog", isoText)).isEqualTo(state);
  }

  @Test
  void aStateWrittenBeforeV2ReadsWithItsNewPartsFilledIn() {
    IncidentState state =
        IncidentState.open(
                "incident-1",
                signal("a")
                    .rule("rule-a")
                    .at(T0)
                    .actor("alice")
                    .tactic("TA0004 Privilege Escalation")
                    .build(),
                SETTINGS,
                WALL)
            .nextVersion();
    JsonSerde<IncidentState> serde = new JsonSerde<>(IncidentState.class);
    ObjectNode json =
        (ObjectNode) JsonMapper.builder().build().readTree(serde.serialize("changelog", state));
    List.of("status", "ruleCounts", "tacticFirstSeen", "storylines", "lifecycle")
        .forEach(json::remove);

    IncidentState read =
        serde.deserialize("changelog", json.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(read.status()).isEqualTo(IncidentStatus.OPEN);
    assertThat(read.ruleCounts()).containsExactlyEntriesOf(Map.of("rule-a", 1));
    assertThat(read.tacticFirstSeen()).containsExactlyEntriesOf(Map.of("TA0004", T0));
    assertThat(read.storylines().matched()).isEmpty();
    assertThat(read.lifecycle().quietSince()).isEqualTo(T0);
    assertThat(read.version()).isEqualTo(1);
  }

  @Test
  void headlineKeepsTheMostSevereSignalEvenWhenItLeavesTheTimeline() {
    IncidentState state =
        IncidentState.open("i", signal("early").at(T0).title("Early").pod("p/a").build(), ONE, WALL)
            .add(
                signal("late")
                    .at(T0.plusSeconds(60))
                    .title("Late but critical")
                    .severity(Severity.CRITICAL)
                    .pod("p/a")
                    .build(),
                ONE,
                WALL);

    assertThat(state.timeline()).extracting(TimelineEntry::signalId).containsExactly("early");
    assertThat(state.title(ONE.storylines())).isEqualTo("Late but critical");
    assertThat(state.severity(ONE.storylines())).isEqualTo(Severity.CRITICAL);
  }
}
