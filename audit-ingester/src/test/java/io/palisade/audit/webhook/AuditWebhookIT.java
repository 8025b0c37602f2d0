package io.palisade.audit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.avro.AuditEvent;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.Fixtures;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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

@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    classes = AuditIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=audit-ingester",
      "palisade.cluster=it-default",
      "palisade.intake.limits.max-body-size=64KB",
      "palisade.intake.limits.max-events=20",
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN"
    })
class AuditWebhookIT {

  private static final String CANARY = "PALISADE-CANARY-7f3a9c";
  private static final String CANARY_BASE64 = "UEFMSVNBREUtQ0FOQVJZLTdmM2E5Yw==";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Names of this class's own, so that no other test's records are read. */
  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              "audit-webhook-it.audit",
              "audit-webhook-it.admission",
              "audit-webhook-it.runtime",
              "audit-webhook-it.signals",
              "audit-webhook-it.incidents",
              "audit-webhook-it.notifications",
              "audit-webhook-it.deadletter",
              null));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

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
  void publishesEveryEventOfAnEventListBeforeAnswering200() throws Exception {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            Fixtures.text("events/create-clusterrolebinding/input.json"),
            Fixtures.text("events/create-nginx-pod-privileged/input.json"),
            Fixtures.text("events/create-secret/input.json"));

    HttpResponse<String> response = post("/v1/audit/it-batch", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("accepted").asInt()).isEqualTo(4);
    List<ConsumerRecord<String, AuditEvent>> records = awaitCluster("it-batch", 4);
    assertThat(records)
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder(
            "it-batch/default/pods/nginx-deployment-7998647bdf-phvq7",
            "it-batch/clusterrolebindings/some-reader-binding",
            "it-batch/default/pods",
            "it-batch/default/secrets/example-secret");
    Map<String, String> idByKey =
        records.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> r.value().getId()));
    assertThat(idByKey)
        .containsEntry(
            "it-batch/default/pods/nginx-deployment-7998647bdf-phvq7",
            "ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted")
        .containsEntry(
            "it-batch/clusterrolebindings/some-reader-binding",
            "e040d0ab-473c-442c-9707-88553173e962/ResponseComplete");
    for (ConsumerRecord<String, AuditEvent> record : records) {
      CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
      assertThat(event.id()).isEqualTo(record.value().getId());
      assertThat(event.type()).isEqualTo("io.palisade.audit.v1");
      assertThat(event.source()).hasToString("/palisade/audit-ingester/it-batch");
      assertThat(event.subject()).isEqualTo(record.key());
      assertThat(event.time()).isEqualTo(record.value().getEventTime());
    }
  }

  @Test
  void takesTheConfiguredClusterWhenThePathNamesNone() throws Exception {
    HttpResponse<String> response =
        post("/v1/audit", Fixtures.text("events/impersonated-list-forbidden/input.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    ConsumerRecord<String, AuditEvent> record = awaitCluster("it-default", 1).get(0);
    assertThat(record.key()).isEqualTo("it-default/default/pods");
    assertThat(record.value().getImpersonatedUser().getUsername()).isEqualTo("bob");
  }

  @Test
  void answers400NamingMalformedJson() throws Exception {
    assertError(
        post("/v1/audit/it-bad", "{\"kind\":\"EventList\",\"items\":["), 400, "malformed-json");
  }

  @Test
  void answers400NamingAWrongKind() throws Exception {
    JsonNode error =
        assertError(
            post("/v1/audit/it-bad", "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[]}"),
            400,
            "unsupported-api-version");
    assertThat(error.get("message").asString()).contains("'v1'");
    assertError(post("/v1/audit/it-bad", "{\"kind\":\"Status\"}"), 400, "unsupported-kind");
  }

  @Test
  void deadLettersAnInvalidItemNamingItAndPublishesItsNeighbours() throws Exception {
    String invalid =
        "{\"auditID\":\"x\",\"stage\":\"ResponseComplete\",\"user\":{\"username\":\"a\"}}";
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            invalid,
            Fixtures.text("events/create-clusterrolebinding/input.json"));

    HttpResponse<String> response = post("/v1/audit/it-partial", body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(2);
    assertThat(answer.get("deadLettered").asInt()).isEqualTo(1);
    assertThat(awaitCluster("it-partial", 2)).hasSize(2);
    ConsumerRecord<byte[], byte[]> deadLetter =
        awaitDeadLetter("POST /v1/audit/it-partial items[1]");
    assertThat(new String(deadLetter.value(), UTF_8)).isEqualTo(invalid);
    assertThat(header(deadLetter, DeadLetter.REASON)).isEqualTo("missing-field");
    assertThat(header(deadLetter, DeadLetter.ERROR))
        .isEqualTo("items[1]: missing required field 'verb'");
    assertThat(CloudEventHeaders.read(deadLetter.headers()).orElseThrow().type())
        .isEqualTo("io.palisade.deadletter.v1");
  }

  @Test
  void acceptsNdjsonFromLogShippersInEveryFormAndDeadLettersAMalformedLine() throws Exception {
    String body =
        String.join(
            "\n",
            compact(Fixtures.text("events/create-clusterrolebinding/input.json")),
            "{\"auditID\":",
            compact(Fixtures.text("gke/forbidden-secret-get/input.json")),
            "",
            compact(Fixtures.text("aks/kube-audit-log-string/input.json")));

    HttpResponse<String> response = post("/v1/audit/it-ndjson", body, "application/x-ndjson");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(3);
    assertThat(answer.get("deadLettered").asInt()).isEqualTo(1);
    assertThat(awaitCluster("it-ndjson", 3))
        .extracting(r -> r.value().getIntakeFormat())
        .containsExactlyInAnyOrder("ndjson", "gke", "aks");
    ConsumerRecord<byte[], byte[]> deadLetter = awaitDeadLetter("POST /v1/audit/it-ndjson line 2");
    assertThat(header(deadLetter, DeadLetter.REASON)).isEqualTo("malformed-json");
    assertThat(new String(deadLetter.value(), UTF_8)).isEqualTo("{\"auditID\":");
  }

  @Test
  void answers400ForAnNdjsonBodyInWhichNoLineIsJson() throws Exception {
    assertError(post("/v1/audit", "not\njson\n", "application/x-ndjson"), 400, "malformed-json");
  }

  @Test
  void givesABatchRetriedByTheApiServerTheSameIdsAndKeys() throws Exception {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("events/exec-pod/input.json"),
            Fixtures.text("events/create-secret/input.json"));

    assertThat(post("/v1/audit/it-retry", body).statusCode()).isEqualTo(200);
    assertThat(post("/v1/audit/it-retry", body).statusCode()).isEqualTo(200);

    List<ConsumerRecord<String, AuditEvent>> records = awaitCluster("it-retry", 4);
    Map<String, List<String>> keysById =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.value().getId(),
                    Collectors.mapping(ConsumerRecord::key, Collectors.toList())));
    assertThat(keysById)
        .containsOnlyKeys(
            "ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted",
            "55a81824-ab56-46c5-8b02-96336f5e78d7/ResponseComplete");
    assertThat(keysById.get("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted"))
        .containsExactly(
            "it-retry/default/pods/nginx-deployment-7998647bdf-phvq7",
            "it-retry/default/pods/nginx-deployment-7998647bdf-phvq7");
    assertThat(keysById.get("55a81824-ab56-46c5-8b02-96336f5e78d7/ResponseComplete"))
        .containsExactly(
            "it-retry/default/secrets/example-secret", "it-retry/default/secrets/example-secret");
    Map<String, Long> cloudEventIds =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    r -> CloudEventHeaders.read(r.headers()).orElseThrow().id(),
                    Collectors.counting()));
    assertThat(cloudEventIds).hasSize(2).allSatisfy((id, count) -> assertThat(count).isEqualTo(2));
  }

  @Test
  void answers413ForABodyOverTheLimit() throws Exception {
    String padding = "x".repeat(70 * 1024);
    String body = "{\"kind\":\"EventList\",\"items\":[{\"auditID\":\"" + padding + "\"}]}";

    assertError(post("/v1/audit/it-bad", body), 413, "body-too-large");
  }

  @Test
  void answers413ForMoreEventsThanTheLimit() throws Exception {
    String event = Fixtures.text("events/exec-pod/input.json");
    String body =
        EventListReaderTest.eventList(Collections.nCopies(21, event).toArray(String[]::new));

    assertError(post("/v1/audit/it-bad", body), 413, "too-many-events");
  }

  @Test
  void answers415ForABodyThatIsNotDeclaredJson() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/v1/audit"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    assertError(
        http.send(request, HttpResponse.BodyHandlers.ofString()), 415, "unsupported-media-type");
  }

  @Test
  void neverLetsASecretValueReachTheTopic() throws Exception {
    String body =
        EventListReaderTest.eventList(
            Fixtures.text("redaction/create-secret-request-response/input.json"),
            Fixtures.text("redaction/list-secrets/input.json"),
            Fixtures.text("redaction/patch-secret-json-patch/input.json"));
    assertThat(body).contains(CANARY, CANARY_BASE64);

    assertThat(post("/v1/audit/it-secrets", body).statusCode()).isEqualTo(200);

    Topic<byte[], byte[]> raw =
        new Topic<>(TOPICS.audit().name(), Serdes.ByteArray(), Serdes.ByteArray(), false, "raw");
    try (var reader = new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), raw)) {
      List<ConsumerRecord<byte[], byte[]>> records =
          reader.awaitRecords(
              read ->
                  read.stream()
                          .filter(r -> new String(r.key(), UTF_8).startsWith("it-secrets/"))
                          .count()
                      >= 3,
              WAIT);
      for (ConsumerRecord<byte[], byte[]> record : records) {
        assertThat(latin1(record.value())).doesNotContain(CANARY, CANARY_BASE64);
        assertThat(latin1(record.key())).doesNotContain(CANARY, CANARY_BASE64);
        for (Header header : record.headers()) {
          assertThat(latin1(header.value())).doesNotContain(CANARY, CANARY_BASE64);
        }
      }
      assertThat(records.stream().map(r -> latin1(r.value())).filter(v -> v.contains("<redacted>")))
          .hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void servesLivenessAndPrometheusMetricsIncludingRejections() throws Exception {
    post("/v1/audit/it-metrics", "not json");
    post(
        "/v1/audit/it-metrics",
        EventListReaderTest.eventList(
            "{\"kind\":\"Pod\"}",
            "{\"auditID\":\"h\",\"stage\":\"ResponseComplete\",\"verb\":\"get\",\"requestURI\":\"/livez\",\"user\":{\"username\":\"system:anonymous\"}}",
            "{\"auditID\":\"t\",\"stage\":\"ResponseComplete\",\"verb\":\"list\",\"requestURI\":\"/api/v1/pods?access_token=abc\",\"user\":{\"username\":\"a\"}}"));

    HttpResponse<String> liveness = get("/actuator/health/liveness");
    HttpResponse<String> prometheus = get("/actuator/prometheus");

    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(json.readTree(liveness.body()).get("status").asString()).isEqualTo("UP");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("palisade_intake_events_accepted_total{topic=\"audit-webhook-it.audit\"")
        .contains("palisade_intake_requests_rejected_total{reason=\"malformed-json\"")
        .contains("palisade_intake_dead_letters_total{reason=\"unsupported-kind\"")
        .contains("palisade_audit_filtered_total{filter=\"health-checks\"")
        .contains("palisade_audit_redactions_total{kind=\"uri-credential\"");
  }

  private List<ConsumerRecord<String, AuditEvent>> awaitCluster(String cluster, int count) {
    Predicate<ConsumerRecord<String, AuditEvent>> ofCluster =
        r -> r.value().getCluster().equals(cluster);
    try (var reader = new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.audit())) {
      return reader
          .awaitRecords(read -> read.stream().filter(ofCluster).count() >= count, WAIT)
          .stream()
          .filter(ofCluster)
          .toList();
    }
  }

  private JsonNode assertError(HttpResponse<String> response, int status, String reason) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = json.readTree(response.body());
    assertThat(error.get("status").asInt()).isEqualTo(status);
    assertThat(error.get("reason").asString()).isEqualTo(reason);
    assertThat(error.get("message").asString()).isNotBlank();
    return error;
  }

  private ConsumerRecord<byte[], byte[]> awaitDeadLetter(String origin) {
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.deadLetter())) {
      return reader
          .awaitRecords(
              read -> read.stream().anyMatch(r -> origin.equals(header(r, DeadLetter.ORIGIN))),
              WAIT)
          .stream()
          .filter(r -> origin.equals(header(r, DeadLetter.ORIGIN)))
          .findFirst()
          .orElseThrow();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  private String compact(String text) {
    return json.writeValueAsString(json.readTree(text));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, "application/json");
  }

  private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(WAIT)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String latin1(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
