package io.palisade.audit.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.Evidence;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AuditEventNormalizerTest {

  private static final Instant INGEST = Instant.parse("2026-01-02T03:04:05Z");
  private static final String TYPE = PalisadeTopics.withDefaultNames().audit().eventType();

  private final JsonMapper json = JsonMapper.builder().build();
  private final AuditEventNormalizer normalizer =
      new AuditEventNormalizer(new AuditRedactor(), json);

  @Test
  void normalisesAnExecIntoAPodAtResponseStarted() {
    AuditEvent event = normalize("events/exec-pod/input.json");

    assertThat(event.getId()).isEqualTo("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted");
    assertThat(event.getCluster()).isEqualTo("prod-eu");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2018-10-26T13:38:34.902Z"));
    assertThat(event.getIngestTime()).isEqualTo(INGEST);
    assertThat(event.getVerb()).isEqualTo("create");
    assertThat(event.getLevel()).isEqualTo("Request");
    assertThat(event.getRequestUri()).contains("/exec?command=bash");
    assertThat(event.getUser().getUsername()).isEqualTo("minikube-user");
    assertThat(event.getUser().getGroups())
        .containsExactly("system:masters", "system:authenticated");
    assertThat(event.getSourceIps()).containsExactly("192.168.99.1");
    assertThat(event.getObjectRef().getResource()).isEqualTo("pods");
    assertThat(event.getObjectRef().getSubresource()).isEqualTo("exec");
    assertThat(event.getObjectRef().getName()).isEqualTo("nginx-deployment-7998647bdf-phvq7");
    assertThat(event.getResponseCode()).isEqualTo(101);
    assertThat(event.getAnnotations()).containsEntry("authorization.k8s.io/decision", "allow");
    assertThat(event.getRequestObjectJson()).isNull();
    assertThat(event.getIntakeFormat()).isEqualTo("webhook");
  }

  @Test
  void keysAnExecByItsPodAndPublishesItAsACloudEvent() {
    Evidence<AuditEvent> evidence = AuditEvidence.of(normalize("events/exec-pod/input.json"), TYPE);

    assertThat(evidence.key()).isEqualTo("prod-eu/default/pods/nginx-deployment-7998647bdf-phvq7");
    assertThat(evidence.event().id())
        .isEqualTo("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted");
    assertThat(evidence.event().source()).hasToString("/palisade/audit-ingester/prod-eu");
    assertThat(evidence.event().type()).isEqualTo("io.palisade.audit.v1");
    assertThat(evidence.event().time()).isEqualTo(Instant.parse("2018-10-26T13:38:34.902Z"));
    assertThat(evidence.event().subject()).isEqualTo(evidence.key());
  }

  @Test
  void keepsTheRequestObjectOfABindingAsCompactJsonAndKeysItWithoutNamespace() throws Exception {
    AuditEvent event = normalize("events/create-clusterrolebinding/input.json");

    assertThat(AuditEvidence.keyOf(event))
        .isEqualTo("prod-eu/clusterrolebindings/some-reader-binding");
    assertThat(event.getResponseCode()).isEqualTo(201);
    assertThat(event.getRequestObjectJson()).doesNotContain(" ", "\n");
    JsonNode request = json.readTree(event.getRequestObjectJson());
    assertThat(request.at("/roleRef/name").asString()).isEqualTo("system:basic-user");
    assertThat(json.readTree(event.getResponseObjectJson()).at("/metadata/uid").asString())
        .isEqualTo("94c41db6-d922-11e8-a2e6-080027728ac4");
  }

  @Test
  void acceptsAV1beta1PodCreateWithoutAnObjectName() throws Exception {
    AuditEvent event = normalize("events/create-nginx-pod-privileged/input.json");

    assertThat(AuditEvidence.keyOf(event)).isEqualTo("prod-eu/default/pods");
    assertThat(event.getUser().getUsername())
        .isEqualTo("system:serviceaccount:kube-system:replicaset-controller");
    assertThat(event.getUser().getUid()).isEqualTo("8d5e1349-d30f-11e8-96d9-080027728ac4");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2018-10-25T14:09:12.581Z"));
    assertThat(
            json.readTree(event.getRequestObjectJson())
                .at("/spec/containers/0/securityContext/privileged")
                .asBoolean())
        .isTrue();
  }

  @Test
  void keepsTheImpersonatedUserAndTakesTheLegacyTimestampWhenNoStageTimestampExists() {
    AuditEvent event = normalize("events/impersonated-list-forbidden/input.json");

    assertThat(event.getUser().getUsername()).isEqualTo("system:admin");
    assertThat(event.getImpersonatedUser().getUsername()).isEqualTo("bob");
    assertThat(event.getResponseCode()).isEqualTo(403);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2017-09-11T19:55:05Z"));
  }

  @Test
  void takesRequestReceivedTimestampWhenStageTimestampIsMissingOrUnreadable() {
    ObjectNode event = minimalEvent();
    event.put("stageTimestamp", "yesterday");
    event.put("requestReceivedTimestamp", "2025-03-04T06:22:18.819232123+01:00");

    assertThat(normalizer.normalize(event, "items[0]", "c", INGEST).getEventTime())
        .isEqualTo(Instant.parse("2025-03-04T05:22:18.819Z"));
  }

  @Test
  void takesTheIngestTimeWhenTheEventHasNoTimestamp() {
    assertThat(normalizer.normalize(minimalEvent(), "items[0]", "c", INGEST).getEventTime())
        .isEqualTo(INGEST);
  }

  @Test
  void keysAnEventWithoutObjectRefByItsAuditId() {
    ObjectNode event = minimalEvent();
    event.put("requestURI", "/healthz");

    AuditEvent normalized = normalizer.normalize(event, "items[0]", "c", INGEST);

    assertThat(normalized.getObjectRef()).isNull();
    assertThat(AuditEvidence.keyOf(normalized)).isEqualTo("a-1");
  }

  @Test
  void keepsUserExtraSuchAsTheBoundPodOfAServiceAccountToken() {
    ObjectNode event = minimalEvent();
    ObjectNode user = event.putObject("user");
    user.put("username", "system:serviceaccount:shop:deployer");
    user.putObject("extra")
        .putArray("authentication.kubernetes.io/pod-name")
        .add("deployer-6f7c9-x2k4q");

    AuditEvent normalized = normalizer.normalize(event, "items[0]", "c", INGEST);

    assertThat(normalized.getUser().getExtra())
        .isEqualTo(
            Map.of("authentication.kubernetes.io/pod-name", List.of("deployer-6f7c9-x2k4q")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auditID", "stage", "verb", "user"})
  void refusesAnEventWithoutARequiredFieldNamingItAndTheItem(String field) {
    ObjectNode event = minimalEvent();
    event.remove(field);

    assertThatThrownBy(() -> normalizer.normalize(event, "items[7]", "c", INGEST))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessage("items[7]: missing required field '" + field + "'")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("missing-field");
  }

  @Test
  void refusesAUserThatIsNotAnObject() {
    ObjectNode event = minimalEvent();
    event.put("user", "alice");

    assertThatThrownBy(() -> normalizer.normalize(event, "items[0]", "c", INGEST))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining("'user' must be an object");
  }

  @Test
  void refusesAnObjectRefThatIsNotAnObject() {
    ObjectNode event = minimalEvent();
    event.put("objectRef", "pods/web-0");

    assertThatThrownBy(() -> normalizer.normalize(event, "items[2]", "c", INGEST))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessage("items[2]: field 'objectRef' must be an object (an ObjectReference)")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("invalid-field");
  }

  @Test
  void refusesAnAuditIdThatIsNotAString() {
    ObjectNode event = minimalEvent();
    event.put("auditID", 42);

    assertThatThrownBy(() -> normalizer.normalize(event, "line 3", "c", INGEST))
        .hasMessage("line 3: field 'auditID' must be a string");
  }

  @Test
  void recordsTheFormatTheEventCameIn() {
    AuditRecord record = AuditRecord.of(minimalEvent(), IntakeFormat.LOGFILE);

    assertThat(normalizer.normalize(record, "line 1", "c", INGEST).getIntakeFormat())
        .isEqualTo("logfile");
  }

  @Test
  void takesTheWrappersTimeBeforeTheIngestTimeWhenTheEventHasNone() {
    Instant wrapperTime = Instant.parse("2026-01-02T00:00:00Z");
    AuditRecord record = new AuditRecord(minimalEvent(), IntakeFormat.AKS, wrapperTime, Map.of());

    assertThat(normalizer.normalize(record, "line 1", "c", INGEST).getEventTime())
        .isEqualTo(wrapperTime);
  }

  private AuditEvent normalize(String fixture) {
    return normalizer.normalize(
        json.readTree(Fixtures.text(fixture)), "items[0]", "prod-eu", INGEST);
  }

  private ObjectNode minimalEvent() {
    ObjectNode event = json.createObjectNode();
    event.put("auditID", "a-1");
    event.put("stage", "ResponseComplete");
    event.put("verb", "get");
    event.putObject("user").put("username", "alice");
    return event;
  }
}
