package io.palisade.correlation.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.SignalSummary;
import io.palisade.correlation.scenarios.ExpectedIncident.Feature;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How ScenarioTest reads its expectations and evidence, and how it compares signal order. */
class ScenarioTestExpectationsTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:14:05Z");

  @Test
  void readsAnExpectationWithGapsAndFeatures() {
    ExpectedIncident expected =
        ExpectedIncident.parse(
            """
            title: Something by alice
            severity: HIGH
            requires: [storylines, linking]
            without-storylines: {severity: MEDIUM}
            entities: [ACTOR alice, POD shop/web-1]
            signals: [a, b, a]
            known-gaps:
              - rule: a
                reason: filtered
                affects: [title]
            """,
            "test");

    assertThat(expected.requires()).containsExactlyInAnyOrder(Feature.STORYLINES, Feature.LINKING);
    assertThat(expected.severityWithoutStorylines()).isEqualTo(Severity.MEDIUM);
    assertThat(expected.incidentsAboveLow()).isEqualTo(1);
    assertThat(expected.entities())
        .extracting(Object::toString)
        .containsExactly("ACTOR alice", "POD shop/web-1");
    assertThat(expected.signalsWithoutGaps()).containsExactly("b", "a");
    assertThat(expected.gapAffecting("title")).isEqualTo("a: filtered");
    assertThat(expected.gapAffecting("severity")).isNull();
  }

  @Test
  void refusesUnknownKeysAndStorylineExpectationsWithoutAFallback() {
    assertThatThrownBy(
            () ->
                ExpectedIncident.parse("title: x\nseverity: LOW\nsignal: [a]\n", "s/expected.yaml"))
        .hasMessageContaining("s/expected.yaml: unknown key 'signal'");
    assertThatThrownBy(
            () ->
                ExpectedIncident.parse(
                    "title: x\nseverity: LOW\nrequires: [storylines]\n", "s/expected.yaml"))
        .hasMessageContaining("without-storylines");
    assertThatThrownBy(
            () ->
                ExpectedIncident.parse(
                    "title: x\nseverity: LOW\nentities: [alice]\n", "s/expected.yaml"))
        .hasMessageContaining("'<KIND> <name>'");
  }

  @Test
  void signalsAtTheSameEventTimeMayComeInAnyOrderButOtherwiseOrderCounts() {
    List<SignalSummary> timeline =
        List.of(signal("a", 0), signal("b", 5), signal("c", 5), signal("d", 9));

    assertThat(ScenarioTest.inOrder(timeline, List.of("a", "c", "b", "d"))).isTrue();
    assertThat(ScenarioTest.inOrder(timeline, List.of("a", "b", "c", "d"))).isTrue();
    assertThat(ScenarioTest.inOrder(timeline, List.of("b", "a", "c", "d"))).isFalse();
    assertThat(ScenarioTest.inOrder(timeline, List.of("a", "b", "c"))).isFalse();
  }

  @Test
  void refusesAdmissionDecisionsWithUnknownFields() {
    JsonMapper json = JsonMapper.builder().build();

    assertThatThrownBy(
            () ->
                ScenarioEvidence.admission(
                    json.readTree(
                        "{\"id\":\"1\",\"eventTime\":\"2026-11-02T09:14:05Z\",\"operation\":\"CREATE\","
                            + "\"kind\":\"Pod\",\"user\":{},\"allowed\":true,\"violation\":[]}"),
                    "c",
                    "x/admission.jsonl:3"))
        .hasMessage("x/admission.jsonl:3: unknown admission decision field 'violation'");
  }

  @Test
  void readsAuditEventsAsTheIngesterDoesWithExtraAndImpersonation() {
    JsonMapper json = JsonMapper.builder().build();
    ScenarioEvidence evidence =
        ScenarioEvidence.audit(
            json.readTree(
                """
                {"auditID":"a1","stage":"ResponseComplete","verb":"get",
                 "user":{"username":"system:serviceaccount:shop:checkout",
                         "extra":{"authentication.kubernetes.io/pod-name":["checkout-1"]}},
                 "impersonatedUser":{"username":"system:admin"},
                 "requestReceivedTimestamp":"2026-11-02T09:14:04.990Z",
                 "stageTimestamp":"2026-11-02T09:14:05Z","responseStatus":{"code":200}}"""),
            "c",
            "x/audit.jsonl:1");

    io.palisade.avro.AuditEvent event = (io.palisade.avro.AuditEvent) evidence.record();
    assertThat(event.getId()).isEqualTo("a1/ResponseComplete");
    assertThat(event.getEventTime()).isEqualTo(T0);
    assertThat(event.getUser().getExtra())
        .containsEntry("authentication.kubernetes.io/pod-name", List.of("checkout-1"));
    assertThat(event.getImpersonatedUser().getUsername()).isEqualTo("system:admin");
    assertThat(evidence.shifted(60_000).time()).isEqualTo(T0.plusSeconds(60));
  }

  private static SignalSummary signal(String rule, long seconds) {
    return SignalSummary.newBuilder()
        .setId(rule + seconds)
        .setRuleId(rule)
        .setTitle(rule)
        .setSeverity(Severity.MEDIUM)
        .setEventTime(T0.plusSeconds(seconds))
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(EvidenceSource.AUDIT)
                .setTopic("t")
                .setId(rule)
                .build())
        .build();
  }
}
