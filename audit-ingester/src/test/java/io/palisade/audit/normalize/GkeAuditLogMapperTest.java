package io.palisade.audit.normalize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.testkit.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class GkeAuditLogMapperTest {

  private static final Instant INGEST = Instant.parse("2026-03-01T00:00:00Z");

  private final JsonMapper json = JsonMapper.builder().build();
  private final ShippedRecordMapper mapper = new ShippedRecordMapper(json);
  private final AuditEventNormalizer normalizer =
      new AuditEventNormalizer(new AuditRedactor(), json);

  @Test
  void mapsANamespacedCreateToTheNativeFields() throws Exception {
    AuditEvent event = normalize(fixture("create-pod-privileged"));

    assertThat(event.getId()).isEqualTo("5e0a9c3b-6b1f-4d4e-9a51-0c2f3a7d8e11/ResponseComplete");
    assertThat(event.getIntakeFormat()).isEqualTo("gke");
    assertThat(event.getVerb()).isEqualTo("create");
    assertThat(event.getLevel()).isEqualTo("RequestResponse");
    assertThat(event.getUser().getUsername()).isEqualTo("alice@example.com");
    assertThat(event.getSourceIps()).containsExactly("203.0.113.7");
    assertThat(event.getUserAgent()).startsWith("kubectl/v1.31.0");
    assertThat(event.getObjectRef().getNamespace()).isEqualTo("shop");
    assertThat(event.getObjectRef().getResource()).isEqualTo("pods");
    assertThat(event.getObjectRef().getName()).isEqualTo("web-0");
    assertThat(event.getObjectRef().getApiGroup()).isNull();
    assertThat(event.getObjectRef().getApiVersion()).isEqualTo("v1");
    assertThat(event.getRequestUri()).isEqualTo("/api/v1/namespaces/shop/pods/web-0");
    assertThat(event.getResponseCode()).isEqualTo(201);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-02-10T09:15:27.123Z"));
    assertThat(event.getAnnotations()).containsEntry("authorization.k8s.io/decision", "allow");
    assertThat(
            json.readTree(event.getRequestObjectJson())
                .at("/spec/containers/0/securityContext/privileged")
                .asBoolean())
        .isTrue();
    assertThat(json.readTree(event.getResponseObjectJson()).at("/metadata/uid").asString())
        .isEqualTo("0b6c8f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f");
  }

  @Test
  void reportsAnExecAsTheApiServerDoesAtResponseStartedWith101() {
    AuditEvent event = normalize(fixture("exec-pod"));

    assertThat(event.getStage()).isEqualTo("ResponseStarted");
    assertThat(event.getId()).endsWith("/ResponseStarted");
    assertThat(event.getResponseCode()).isEqualTo(101);
    assertThat(event.getObjectRef().getSubresource()).isEqualTo("exec");
    assertThat(event.getObjectRef().getName()).isEqualTo("web-0");
    assertThat(event.getRequestUri()).isEqualTo("/api/v1/namespaces/shop/pods/web-0/exec");
    assertThat(event.getRequestObjectJson()).contains("serviceaccount/token");
    assertThat(event.getLevel()).isEqualTo("Request");
  }

  @Test
  void mapsTheGrpcPermissionDeniedTo403() {
    AuditEvent event = normalize(fixture("forbidden-secret-get"));

    assertThat(event.getResponseCode()).isEqualTo(403);
    assertThat(event.getVerb()).isEqualTo("get");
    assertThat(event.getLevel()).isEqualTo("Metadata");
    assertThat(event.getUser().getUsername()).isEqualTo("system:serviceaccount:shop:web");
    assertThat(event.getAnnotations()).containsEntry("authorization.k8s.io/decision", "forbid");
  }

  @Test
  void mapsAClusterScopedObjectOfANamedGroup() {
    AuditEvent event = normalize(fixture("create-clusterrolebinding"));

    assertThat(event.getObjectRef().getNamespace()).isNull();
    assertThat(event.getObjectRef().getResource()).isEqualTo("clusterrolebindings");
    assertThat(event.getObjectRef().getName()).isEqualTo("ops-admin");
    assertThat(event.getObjectRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
    assertThat(event.getRequestUri())
        .isEqualTo("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/ops-admin");
    assertThat(event.getId()).isEqualTo("1c9e8d7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f/ResponseComplete");
  }

  @ParameterizedTest
  @CsvSource({
    "0, get, 200",
    "0, create, 201",
    "3, create, 400",
    "5, get, 404",
    "6, create, 409",
    "7, delete, 403",
    "8, list, 429",
    "14, list, 503",
    "16, get, 401",
    "13, get, 500",
    "99, get, 500"
  })
  void mapsGrpcStatusCodesToHttp(int grpc, String verb, int http) {
    assertThat(GkeAuditLogMapper.httpCode(grpc, verb, false)).isEqualTo(http);
  }

  @Test
  void readsNamespacesStatusAsASubresourceOfTheNamespaceAsTheApiServerDoes() {
    ObjectNode entry = minimal("io.k8s.core.v1.namespaces.status.update");
    entry.withObject("protoPayload").put("resourceName", "core/v1/namespaces/shop/status");

    AuditEvent event = normalize(entry);

    assertThat(event.getObjectRef().getResource()).isEqualTo("namespaces");
    assertThat(event.getObjectRef().getName()).isEqualTo("shop");
    assertThat(event.getObjectRef().getSubresource()).isEqualTo("status");
    assertThat(event.getObjectRef().getNamespace()).isNull();
  }

  @Test
  void treatsAMethodWithoutGroupVersionAndResourceAsANonResourceGet() {
    ObjectNode entry = minimal("io.k8s.readyz");

    AuditEvent event = normalize(entry);

    assertThat(event.getVerb()).isEqualTo("get");
    assertThat(event.getObjectRef()).isNull();
    assertThat(event.getRequestUri()).isEqualTo("/readyz");
  }

  @Test
  void takesTheResourceOfTheAuthorizationCheckWhenResourceNameIsMissing() {
    ObjectNode entry = minimal("io.k8s.core.v1.pods.list");
    entry
        .withObject("protoPayload")
        .putArray("authorizationInfo")
        .addObject()
        .put("resource", "core/v1/namespaces/default/pods");

    AuditEvent event = normalize(entry);

    assertThat(event.getObjectRef().getNamespace()).isEqualTo("default");
    assertThat(event.getObjectRef().getResource()).isEqualTo("pods");
    assertThat(event.getObjectRef().getName()).isNull();
  }

  @Test
  void derivesAStableIdFromTheRecordWhenItHasNoInsertId() {
    ObjectNode entry = minimal("io.k8s.core.v1.pods.list");
    byte[] raw = json.writeValueAsBytes(entry);

    String first = normalize(entry, raw).getAuditId();
    String again = normalize(json.readTree(raw), raw).getAuditId();
    entry.put("timestamp", "2026-02-10T10:00:00Z");
    String other = normalize(entry).getAuditId();

    assertThat(first).matches("gke-[0-9a-f]{32}").isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void takesTheReceiveTimestampWhenTheEntryHasNoTimestampAndLeavesAnUnknownStatusUnknown() {
    ObjectNode entry = minimal("io.k8s.core.v1.pods.list");
    entry.remove("timestamp");
    entry.put("receiveTimestamp", "2026-02-10T11:00:00.5Z");
    entry.withObject("protoPayload").remove("status");

    AuditEvent event = normalize(entry);

    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-02-10T11:00:00.500Z"));
    assertThat(event.getResponseCode()).isNull();
  }

  @Test
  void namesTheGkeFieldWhenThePrincipalIsMissing() {
    ObjectNode entry = minimal("io.k8s.core.v1.pods.list");
    entry.withObject("protoPayload").withObject("authenticationInfo").remove("principalEmail");

    assertThatThrownBy(() -> normalize(entry))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessage(
            "line 1: missing required field 'user' (protoPayload.authenticationInfo.principalEmail)");
  }

  @Test
  void refusesAnAuditLogOfAnotherGoogleService() {
    ObjectNode entry = minimal("compute.instances.list");
    entry.withObject("protoPayload").put("serviceName", "compute.googleapis.com");

    assertThatThrownBy(() -> normalize(entry))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining("compute.googleapis.com")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("unsupported-record");
  }

  @Test
  void refusesAPayloadOfAnotherType() {
    ObjectNode entry = minimal("io.k8s.core.v1.pods.list");
    entry.withObject("protoPayload").put("@type", "type.googleapis.com/io.k8s.audit.v1.Event");

    assertThatThrownBy(() -> normalize(entry))
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("unsupported-record");
  }

  private ObjectNode minimal(String method) {
    ObjectNode entry = json.createObjectNode();
    ObjectNode payload = entry.putObject("protoPayload");
    payload.put("@type", GkeAuditLogMapper.AUDIT_LOG_TYPE);
    payload.put("serviceName", "k8s.io");
    payload.put("methodName", method);
    payload.putObject("authenticationInfo").put("principalEmail", "alice@example.com");
    payload.putObject("status");
    entry.put("timestamp", "2026-02-10T09:00:00Z");
    return entry;
  }

  private JsonNode fixture(String name) {
    return json.readTree(Fixtures.text("gke/" + name + "/input.json"));
  }

  private AuditEvent normalize(JsonNode entry) {
    return normalize(entry, json.writeValueAsBytes(entry));
  }

  private AuditEvent normalize(JsonNode entry, byte[] raw) {
    AuditRecord record = mapper.map(entry, raw, "line 1");
    assertThat(new String(raw, UTF_8)).isNotEmpty();
    return normalizer.normalize(record, "line 1", "prod-eu", INGEST);
  }
}
