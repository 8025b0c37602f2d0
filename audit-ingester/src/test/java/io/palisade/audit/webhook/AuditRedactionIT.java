package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.avro.AuditEvent;
import io.palisade.schemas.PalisadeSerde;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canary test: a distinct secret is planted in every place the redactor must cover, the events
 * go through the real endpoints onto a real broker, and the raw bytes of every record (key, value,
 * headers) on the audit and the dead-letter topic are scanned: no canary, plain or base64, may
 * appear, and the key names must still be visible.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    classes = AuditIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=audit-ingester",
      "palisade.cluster=it-canary",
      "palisade.audit.redaction.extra-paths[0]=requestObject.spec.password",
      "palisade.audit.redaction.extra-paths[1]=$.annotations['example.com/api-key']",
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN"
    })
class AuditRedactionIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              "audit-redaction-it.audit",
              "audit-redaction-it.admission",
              "audit-redaction-it.runtime",
              "audit-redaction-it.signals",
              "audit-redaction-it.incidents",
              "audit-redaction-it.notifications",
              "audit-redaction-it.deadletter",
              null));

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

  /** Every canary planted, by where it was planted. */
  private final Map<String, String> canaries = new LinkedHashMap<>();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.audit", () -> TOPICS.audit().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 2);
  }

  @Test
  void noPlantedSecretReachesKafkaAndTheKeyNamesStayVisible() throws Exception {
    List<JsonNode> webhookEvents =
        List.of(
            secretCreate(),
            secretList(),
            secretJsonPatch(),
            secretMergePatch(),
            tokenRequest(),
            tokenReview(),
            uriToken(),
            customResourceWithPassword(),
            secretWithoutVerb());
    String eventList =
        json.writeValueAsString(
            json.createObjectNode()
                .put("kind", "EventList")
                .put("apiVersion", "audit.k8s.io/v1")
                .set("items", json.createArrayNode().addAll(webhookEvents)));
    String ndjson =
        json.writeValueAsString(gkeSecretCreate())
            + "\n"
            + json.writeValueAsString(aksSecretCreate());
    assertThat(canaries).hasSize(16);
    canaries.forEach( // they were planted, as they are or base64-encoded
        (where, canary) ->
            assertThat(eventList + ndjson).as(where).containsAnyOf(canary, base64(canary)));

    HttpResponse<String> webhook = post("/v1/audit", eventList, "application/json");
    HttpResponse<String> shipped = post("/v1/audit", ndjson, "application/x-ndjson");

    assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(200);
    assertThat(json.readTree(webhook.body()).get("accepted").asInt()).isEqualTo(8);
    assertThat(json.readTree(webhook.body()).get("deadLettered").asInt()).isEqualTo(1);
    assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
    assertThat(json.readTree(shipped.body()).get("accepted").asInt()).isEqualTo(2);
    List<ConsumerRecord<byte[], byte[]>> audit = readRaw(TOPICS.audit().name(), 10);
    List<ConsumerRecord<byte[], byte[]>> deadLetters = readRaw(TOPICS.deadLetter().name(), 1);

    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(audit);
    all.addAll(deadLetters);
    for (ConsumerRecord<byte[], byte[]> record : all) {
      for (Map.Entry<String, String> planted : canaries.entrySet()) {
        String[] forms = {planted.getValue(), base64(planted.getValue())};
        String where = planted.getKey();
        assertThat(latin1(record.key())).as("key, %s", where).doesNotContain(forms);
        assertThat(latin1(record.value()))
            .as("value on %s, %s", record.topic(), where)
            .doesNotContain(forms);
        for (Header header : record.headers()) {
          assertThat(latin1(header.value()))
              .as("header %s, %s", header.key(), where)
              .doesNotContain(forms);
        }
      }
    }

    String published = String.join("\n", audit.stream().map(r -> decoded(r)).toList());
    assertThat(published)
        .contains("\"db-password\":\"<redacted>\"")
        .contains("\"pin\":\"<redacted>\"")
        .contains("\"list-key\":\"<redacted>\"")
        .contains("\\\"applied-key\\\":\\\"<redacted>\\\"")
        .contains("\"path\":\"/data/patched-key\",\"value\":\"<redacted>\"")
        .contains("\"path\":\"/data/injected-key\",\"value\":\"<redacted>\"")
        .contains("\"merged-key\":\"<redacted>\"")
        .contains("\"status\":{\"token\":\"<redacted>\"") // TokenRequest
        .contains("\"spec\":{\"token\":\"<redacted>\"}") // TokenReview
        .contains("access_token=<redacted>")
        .contains("\"password\":\"<redacted>\"")
        .contains("\"gke-key\":\"<redacted>\"")
        .contains("\"aks-key\":\"<redacted>\"")
        .contains("example.com/api-key=<redacted>");
    assertThat(latin1(deadLetters.get(0).value())).contains("\"orphan-key\":\"<redacted>\"");
  }

  /** A Secret create at RequestResponse: data, stringData and the last-applied annotation. */
  private ObjectNode secretCreate() {
    ObjectNode event =
        event(
            "secret-create", "create", "secrets", "shop", "db", "/api/v1/namespaces/shop/secrets");
    ObjectNode request = secret("db");
    request.withObject("data").put("db-password", base64(plant("request data")));
    request.withObject("stringData").put("pin", plant("request stringData"));
    ObjectNode applied = secret("db");
    applied.withObject("data").put("applied-key", base64(plant("last-applied annotation")));
    request
        .withObject("metadata")
        .withObject("annotations")
        .put("kubectl.kubernetes.io/last-applied-configuration", json.writeValueAsString(applied));
    event.set("requestObject", request);
    ObjectNode response = secret("db");
    response.withObject("data").put("db-password", base64(plant("response data")));
    event.set("responseObject", response);
    event.withObject("annotations").put("example.com/api-key", plant("annotation extra path"));
    return event;
  }

  private ObjectNode secretList() {
    ObjectNode event =
        event("secret-list", "list", "secrets", "shop", null, "/api/v1/namespaces/shop/secrets");
    ObjectNode list = json.createObjectNode().put("kind", "SecretList").put("apiVersion", "v1");
    ArrayNode items = list.putArray("items");
    ObjectNode item = secret("a");
    item.remove("kind");
    item.withObject("data").put("list-key", base64(plant("SecretList item")));
    items.add(item);
    event.set("responseObject", list);
    return event;
  }

  private ObjectNode secretJsonPatch() {
    ObjectNode event =
        event(
            "secret-json-patch",
            "patch",
            "secrets",
            "shop",
            "db",
            "/api/v1/namespaces/shop/secrets/db");
    event
        .putArray("requestObject")
        .addObject()
        .put("op", "replace")
        .put("path", "/data/patched-key")
        .put("value", base64(plant("JSON patch")));
    ObjectNode mutation = json.createObjectNode().put("webhook", "inject.example.com");
    mutation
        .putArray("patch")
        .addObject()
        .put("op", "add")
        .put("path", "/data/injected-key")
        .put("value", base64(plant("mutating webhook patch annotation")));
    event
        .withObject("annotations")
        .put("patch.webhook.admission.k8s.io/round_0_index_0", json.writeValueAsString(mutation));
    return event;
  }

  private ObjectNode secretMergePatch() {
    ObjectNode event =
        event(
            "secret-merge-patch",
            "patch",
            "secrets",
            "shop",
            "db",
            "/api/v1/namespaces/shop/secrets/db");
    event
        .putObject("requestObject")
        .putObject("stringData")
        .put("merged-key", plant("merge patch"));
    return event;
  }

  private ObjectNode tokenRequest() {
    ObjectNode event =
        event(
            "token-request",
            "create",
            "serviceaccounts",
            "shop",
            "web",
            "/api/v1/namespaces/shop/serviceaccounts/web/token");
    event.withObject("objectRef").put("subresource", "token");
    event
        .putObject("requestObject")
        .put("kind", "TokenRequest")
        .putObject("spec")
        .putArray("audiences")
        .add("api");
    event
        .putObject("responseObject")
        .put("kind", "TokenRequest")
        .putObject("status")
        .put("token", plant("TokenRequest response"))
        .put("expirationTimestamp", "2026-02-10T10:00:00Z");
    return event;
  }

  private ObjectNode tokenReview() {
    ObjectNode event =
        event(
            "token-review",
            "create",
            "tokenreviews",
            null,
            null,
            "/apis/authentication.k8s.io/v1/tokenreviews");
    event.withObject("objectRef").put("apiGroup", "authentication.k8s.io");
    event
        .putObject("requestObject")
        .put("kind", "TokenReview")
        .putObject("spec")
        .put("token", plant("TokenReview request"));
    return event;
  }

  private ObjectNode uriToken() {
    return event(
        "uri-token",
        "get",
        "pods",
        "shop",
        "web-0",
        "/api/v1/namespaces/shop/pods/web-0?access_token=" + plant("URI query token"));
  }

  private ObjectNode customResourceWithPassword() {
    ObjectNode event =
        event(
            "custom-resource",
            "create",
            "databases",
            "shop",
            "orders",
            "/apis/example.com/v1/namespaces/shop/databases");
    event.withObject("objectRef").put("apiGroup", "example.com");
    event
        .putObject("requestObject")
        .put("kind", "Database")
        .putObject("spec")
        .put("password", plant("extra path"))
        .put("size", 3);
    return event;
  }

  /** Refused (no verb), so dead-lettered: its secret must not leak through the dead letter. */
  private ObjectNode secretWithoutVerb() {
    ObjectNode event =
        event(
            "secret-no-verb",
            "create",
            "secrets",
            "shop",
            "orphan",
            "/api/v1/namespaces/shop/secrets");
    event.remove("verb");
    ObjectNode request = secret("orphan");
    request.withObject("data").put("orphan-key", base64(plant("dead-lettered event")));
    event.set("requestObject", request);
    return event;
  }

  private ObjectNode gkeSecretCreate() {
    ObjectNode entry = json.createObjectNode();
    entry.put("insertId", "gke-secret-create");
    ObjectNode payload = entry.putObject("protoPayload");
    payload.put("@type", "type.googleapis.com/google.cloud.audit.AuditLog");
    payload.put("serviceName", "k8s.io");
    payload.put("methodName", "io.k8s.core.v1.secrets.create");
    payload.put("resourceName", "core/v1/namespaces/shop/secrets/gke");
    payload.putObject("authenticationInfo").put("principalEmail", "alice@example.com");
    payload.putObject("status");
    ObjectNode request = secret("gke");
    request.withObject("data").put("gke-key", base64(plant("GKE request")));
    payload.set("request", request);
    entry.put("timestamp", "2026-02-10T09:00:00Z");
    return entry;
  }

  private ObjectNode aksSecretCreate() {
    ObjectNode event =
        event("aks-secret", "create", "secrets", "shop", "aks", "/api/v1/namespaces/shop/secrets");
    ObjectNode request = secret("aks");
    request.withObject("stringData").put("aks-key", plant("AKS properties.log"));
    event.set("requestObject", request);
    ObjectNode record = json.createObjectNode();
    record.put("time", "2026-02-10T09:00:00Z");
    record.put("category", "kube-audit");
    record
        .putObject("properties")
        .put("log", json.writeValueAsString(event))
        .put("pod", "kube-apiserver-0");
    return record;
  }

  private ObjectNode event(
      String id, String verb, String resource, String namespace, String name, String uri) {
    ObjectNode event = json.createObjectNode();
    event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "RequestResponse");
    event.put("auditID", "canary-" + id).put("stage", "ResponseComplete").put("verb", verb);
    event.put("requestURI", uri);
    event.putObject("user").put("username", "alice");
    ObjectNode ref = event.putObject("objectRef").put("resource", resource).put("apiVersion", "v1");
    if (namespace != null) {
      ref.put("namespace", namespace);
    }
    if (name != null) {
      ref.put("name", name);
    }
    event.put("stageTimestamp", "2026-02-10T09:00:00.000001Z");
    return event;
  }

  private ObjectNode secret(String name) {
    ObjectNode secret = json.createObjectNode().put("kind", "Secret").put("apiVersion", "v1");
    secret.putObject("metadata").put("name", name).put("namespace", "shop");
    secret.put("type", "Opaque");
    return secret;
  }

  /** A canary of its own for {@code where}. */
  private String plant(String where) {
    String canary = "PALISADE-CANARY-" + (canaries.size() + 1) + "-" + where.replace(' ', '-');
    canaries.put(where, canary);
    return canary;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }

  private List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, int count) {
    Topic<byte[], byte[]> raw =
        new Topic<>(topic, Serdes.ByteArray(), Serdes.ByteArray(), false, "raw");
    try (var reader = new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), raw)) {
      return reader.awaitRecords(read -> read.size() >= count, WAIT);
    }
  }

  private static String decoded(ConsumerRecord<byte[], byte[]> record) {
    AuditEvent event =
        PalisadeSerde.of(AuditEvent.class)
            .deserializer()
            .deserialize(record.topic(), record.value());
    return event.getRequestObjectJson()
        + " "
        + event.getResponseObjectJson()
        + " "
        + event.getRequestUri()
        + " "
        + event.getAnnotations();
  }

  private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(WAIT)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String latin1(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
