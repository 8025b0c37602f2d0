package io.palisade.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.runtime.RuntimeIngesterApplication;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
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
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    classes = RuntimeIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=runtime-ingester",
      "palisade.cluster=it-falco",
      "palisade.intake.limits.max-body-size=16KB",
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN"
    })
class FalcoIntakeIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Names of this class's own, so that no other test's records are read. */
  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              "falco-intake-it.audit",
              "falco-intake-it.admission",
              "falco-intake-it.runtime",
              "falco-intake-it.signals",
              "falco-intake-it.incidents",
              "falco-intake-it.notifications",
              "falco-intake-it.deadletter",
              null));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.runtime", () -> TOPICS.runtime().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 2);
  }

  @Test
  void publishesAFalcoAlertBeforeAnswering200() throws Exception {
    HttpResponse<String> response = post(Fixtures.text("falco/terminal-shell/input.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("deadLettered").asInt()).isZero();
    assertThat(body.get("internal").asInt()).isZero();
    String id = body.get("id").asString();
    ConsumerRecord<String, RuntimeAlert> record = awaitIds(id, 1).get(0);
    assertThat(record.key()).isEqualTo("it-falco/default/kubecon");
    assertThat(record.value().getRule()).isEqualTo("Terminal shell in container");
    assertThat(record.value().getPriority()).isEqualTo(FalcoPriority.CRITICAL);
    assertThat(record.value().getEventTimeNanos()).isEqualTo(445_995L);
    assertThat(record.value().getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(record.value().getTactics()).containsExactly("TA0002 Execution");
    CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
    assertThat(event.id()).isEqualTo(id);
    assertThat(event.type()).isEqualTo("io.palisade.runtime.v1");
    assertThat(event.source()).hasToString("/palisade/runtime-ingester/it-falco");
    assertThat(event.subject()).isEqualTo("it-falco/default/kubecon");
  }

  @Test
  void givesARedeliveredAlertTheSameId() throws Exception {
    String alert = Fixtures.text("falco/api-server-contact-tagged-image/input.json");

    String first = json.readTree(post(alert).body()).get("id").asString();
    String second = json.readTree(post(alert).body()).get("id").asString();

    assertThat(second).isEqualTo(first);
    assertThat(awaitIds(first, 2))
        .extracting(ConsumerRecord::key)
        .containsOnly("it-falco/openfaas-fn/falco-pod-delete-7dc9f5fbb8-gbfk7");
  }

  @Test
  void givesTheSameAlertFromFalcoAndFromFalcosidekickTheSameId() throws Exception {
    ObjectNode falco = (ObjectNode) json.readTree(alert4x());
    ObjectNode sidekick = falco.deepCopy();
    sidekick.put("uuid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    ((ObjectNode) sidekick.get("output_fields")).put("environment", "production");
    ObjectNode sidekickAgain = sidekick.deepCopy();
    sidekickAgain.put("uuid", "6fa459ea-ee8a-3ca4-894e-db77e160355e");

    String direct = json.readTree(post(falco.toString()).body()).get("id").asString();
    String forwarded = json.readTree(post(sidekick.toString()).body()).get("id").asString();
    String again = json.readTree(post(sidekickAgain.toString()).body()).get("id").asString();

    assertThat(forwarded).isEqualTo(direct);
    assertThat(again).isEqualTo(direct);
    List<ConsumerRecord<String, RuntimeAlert>> records = awaitIds(direct, 3);
    assertThat(records)
        .extracting(r -> r.value().getOutputFields().get("falcosidekick.uuid"))
        .containsExactlyInAnyOrder(
            null, "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "6fa459ea-ee8a-3ca4-894e-db77e160355e");
    assertThat(records).extracting(ConsumerRecord::key).containsOnly("it-falco/shop/it-sidekick");
  }

  @Test
  void countsFalcoInternalMessagesInsteadOfPublishingThem() throws Exception {
    HttpResponse<String> response =
        post(Fixtures.text("falco/metrics-snapshot-internal/input.json"));
    ObjectNode marker = (ObjectNode) json.readTree(alert4x());
    ((ObjectNode) marker.get("output_fields")).put("k8s.pod.name", "it-after-internal");
    String markerId = json.readTree(post(marker.toString()).body()).get("id").asString();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("accepted").asInt()).isZero();
    assertThat(body.get("internal").asInt()).isEqualTo(1);
    assertThat(body.has("id")).isFalse();
    awaitIds(markerId, 1);
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.runtime())) {
      assertThat(
              reader.awaitRecords(
                  read -> read.stream().anyMatch(r -> r.value().getId().equals(markerId)), WAIT))
          .extracting(r -> r.value().getSource())
          .doesNotContain("internal");
    }
    assertThat(get("/actuator/prometheus").body())
        .contains("palisade_runtime_internal_total{rule=\"Falco internal: metrics snapshot\"}")
        .contains("palisade_falco_outputs_queue_drops{hostname=\"test\"} 0.0");
  }

  @Test
  void publishesAnNdjsonBatchAndDeadLettersItsMalformedLine() throws Exception {
    ObjectNode first = (ObjectNode) json.readTree(alert4x());
    first.put("rule", "IT NDJSON batch");
    ObjectNode second = first.deepCopy();
    ((ObjectNode) second.get("output_fields")).put("proc.cmdline", "sh -c id");
    String malformed = "{\"rule\": \"IT NDJSON batch\", \"time\": ";
    String batch =
        String.join(
            "\n",
            first.toString(),
            malformed,
            "",
            Fixtures.text("falco/metrics-snapshot-internal/input.json").trim(),
            second.toString());

    HttpResponse<String> response = post(batch, "application/x-ndjson");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(body.get("deadLettered").asInt()).isEqualTo(1);
    assertThat(body.get("internal").asInt()).isEqualTo(1);
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.runtime())) {
      assertThat(
              reader
                  .awaitRecords(
                      read ->
                          read.stream()
                                  .filter(r -> r.value().getRule().equals("IT NDJSON batch"))
                                  .count()
                              >= 2,
                      WAIT)
                  .stream()
                  .filter(r -> r.value().getRule().equals("IT NDJSON batch")))
          .extracting(r -> r.value().getOutputFields().get("proc.cmdline"))
          .containsExactlyInAnyOrder("sh -c clear; sh", "sh -c id");
    }
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.deadLetter())) {
      ConsumerRecord<byte[], byte[]> deadLetter =
          reader
              .awaitRecords(read -> read.stream().anyMatch(r -> isLine2(r, malformed)), WAIT)
              .stream()
              .filter(r -> isLine2(r, malformed))
              .findFirst()
              .orElseThrow();
      assertThat(header(deadLetter, DeadLetter.REASON)).isEqualTo("malformed-json");
      assertThat(header(deadLetter, DeadLetter.SERVICE)).isEqualTo("runtime-ingester");
      assertThat(CloudEventHeaders.read(deadLetter.headers()).orElseThrow().type())
          .isEqualTo("io.palisade.deadletter.v1");
    }
    assertThat(get("/actuator/prometheus").body())
        .contains("palisade_intake_dead_letters_total{reason=\"malformed-json\"}");
  }

  @Test
  void answers400NamingMalformedJson() throws Exception {
    assertError(post("{\"rule\": \"Terminal shell in container\","), 400, "malformed-json");
  }

  @Test
  void answers400NamingTheMissingField() throws Exception {
    JsonNode error =
        assertError(
            post("{\"time\":\"2023-05-25T13:44:05.478445995Z\",\"priority\":\"Notice\"}"),
            400,
            "missing-field");

    assertThat(error.get("message").asString()).isEqualTo("missing required field 'rule'");
  }

  @Test
  void answers400ForAMalformedTime() throws Exception {
    assertError(
        post(Fixtures.text("falco/fake-rule-malformed-time/input.json")), 400, "invalid-time");
  }

  @Test
  void answers413ForABodyOverTheLimit() throws Exception {
    String body =
        "{\"time\":\"2023-05-25T13:44:05Z\",\"rule\":\"r\",\"priority\":\"Notice\",\"output\":\""
            + "x".repeat(20 * 1024)
            + "\"}";

    assertError(post(body), 413, "body-too-large");
  }

  @Test
  void answers415ForFalcosPlainTextOutput() throws Exception {
    assertError(
        post("13:44:05.478445995: Critical A shell was spawned", "text/plain"),
        415,
        "unsupported-media-type");
  }

  @Test
  void answers400ForAnNdjsonBodyWithoutLines() throws Exception {
    assertError(post("\n\n", "application/x-ndjson"), 400, "empty-body");
  }

  @Test
  void servesLivenessAndPrometheusMetricsIncludingRejections() throws Exception {
    post("not json");
    post(Fixtures.text("falco/k8saudit-serviceaccount-created/input.json"));

    HttpResponse<String> liveness = get("/actuator/health/liveness");
    HttpResponse<String> prometheus = get("/actuator/prometheus");

    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(json.readTree(liveness.body()).get("status").asString()).isEqualTo("UP");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("palisade_runtime_alerts_accepted_total{priority=\"INFORMATIONAL\"")
        .contains("palisade_intake_requests_rejected_total{reason=\"malformed-json\"");
  }

  private List<ConsumerRecord<String, RuntimeAlert>> awaitIds(String id, int count) {
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.runtime())) {
      return reader
          .awaitRecords(
              read -> read.stream().filter(r -> r.value().getId().equals(id)).count() >= count,
              WAIT)
          .stream()
          .filter(r -> r.value().getId().equals(id))
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

  private static boolean isLine2(ConsumerRecord<byte[], byte[]> record, String line) {
    return Arrays.equals(record.value(), line.getBytes(StandardCharsets.UTF_8))
        && "POST /v1/falco line 2".equals(header(record, DeadLetter.ORIGIN));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return record.headers().lastHeader(name) == null
        ? null
        : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** A falco-rules 4.x alert of this test's own (the fixture, re-keyed to pod it-sidekick). */
  private String alert4x() {
    ObjectNode alert =
        (ObjectNode) json.readTree(Fixtures.text("falco/falco-rules-4-terminal-shell/input.json"));
    ((ObjectNode) alert.get("output_fields")).put("k8s.pod.name", "it-sidekick");
    return alert.toString();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return post(body, "application/json");
  }

  private HttpResponse<String> post(String body, String contentType) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/v1/falco"))
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
}
