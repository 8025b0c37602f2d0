package io.palisade.audit.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.testkit.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ShippedRecordMapperTest {

  private static final Instant INGEST = Instant.parse("2026-03-01T00:00:00Z");

  private final JsonMapper json = JsonMapper.builder().build();
  private final ShippedRecordMapper mapper = new ShippedRecordMapper(json);
  private final AuditEventNormalizer normalizer =
      new AuditEventNormalizer(new AuditRedactor(), json);

  @Test
  void takesANativeEventAsNdjson() {
    AuditEvent event = normalize(json.readTree(Fixtures.text("events/exec-pod/input.json")));

    assertThat(event.getIntakeFormat()).isEqualTo("ndjson");
    assertThat(event.getId()).isEqualTo("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted");
  }

  @Test
  void unwrapsAnAksRecordWhoseLogIsAJsonString() {
    AuditEvent event = normalize(fixture("aks/kube-audit-log-string"));

    assertThat(event.getIntakeFormat()).isEqualTo("aks");
    assertThat(event.getId()).isEqualTo("4f1d2e3c-5b6a-4798-8a7b-6c5d4e3f2a1b/ResponseComplete");
    assertThat(event.getVerb()).isEqualTo("list");
    assertThat(event.getUser().getUsername()).isEqualTo("bob@contoso.example");
    assertThat(event.getObjectRef().getResource()).isEqualTo("secrets");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-02-11T14:02:02.879Z"));
    assertThat(event.getAnnotations().get("authorization.k8s.io/reason")).contains("\"ops\"");
  }

  @Test
  void unwrapsAnAksRecordWhoseLogIsAnObject() {
    AuditEvent event = normalize(fixture("aks/kube-audit-admin-log-object"));

    assertThat(event.getIntakeFormat()).isEqualTo("aks");
    assertThat(event.getUser().getUsername()).isEqualTo("system:serviceaccount:ci:deployer");
    assertThat(event.getResponseCode()).isEqualTo(201);
    assertThat(json.readTree(event.getRequestObjectJson()).at("/roleRef/name").asString())
        .isEqualTo("cluster-admin");
  }

  @Test
  void takesTheAksRecordTimeWhenTheEventHasNone() {
    JsonNode record = fixture("aks/kube-audit-admin-log-object");
    JsonNode log = record.at("/properties/log");
    ((tools.jackson.databind.node.ObjectNode) log).remove("stageTimestamp");
    ((tools.jackson.databind.node.ObjectNode) log).remove("requestReceivedTimestamp");

    assertThat(normalize(record).getEventTime()).isEqualTo(Instant.parse("2026-02-11T14:05:40Z"));
  }

  @Test
  void recognisesAGkeRecordByItsProtoPayload() {
    assertThat(normalize(fixture("gke/create-pod-privileged")).getIntakeFormat()).isEqualTo("gke");
  }

  @Test
  void refusesAnAzureRecordOfAnotherCategory() {
    JsonNode record =
        json.readTree(
            "{\"category\":\"Administrative\",\"operationName\":\"Microsoft.Compute/virtualMachines/write\"}");

    assertRefused(record, "unsupported-record", "'Administrative'");
  }

  @Test
  void refusesAnAksLogThatIsNotJsonNamingTheLine() {
    JsonNode record =
        json.readTree("{\"category\":\"kube-audit\",\"properties\":{\"log\":\"{not json\"}}");

    assertRefused(record, "malformed-json", "line 4: properties.log is not valid JSON");
  }

  @Test
  void refusesAnAksLogThatIsNotAnAuditEvent() {
    assertRefused(
        json.readTree("{\"category\":\"kube-audit\",\"properties\":{\"log\":42}}"),
        "invalid-event",
        "properties.log must be an audit Event");
    assertRefused(
        json.readTree(
            "{\"category\":\"kube-audit\",\"properties\":{\"log\":{\"kind\":\"Pod\",\"auditID\":\"a\"}}}"),
        "unsupported-kind",
        "line 4 properties.log: kind 'Pod'");
  }

  @Test
  void refusesALineThatIsNotAnObject() {
    assertRefused(json.readTree("[1,2]"), "invalid-event", "line 4 is not a JSON object");
  }

  private void assertRefused(JsonNode record, String reason, String messagePart) {
    assertThatThrownBy(() -> normalize(record))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining(messagePart)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo(reason);
  }

  private JsonNode fixture(String name) {
    return json.readTree(Fixtures.text(name + "/input.json"));
  }

  private AuditEvent normalize(JsonNode line) {
    AuditRecord record = mapper.map(line, json.writeValueAsBytes(line), "line 4");
    return normalizer.normalize(record, "line 4", "prod-eu", INGEST);
  }
}
