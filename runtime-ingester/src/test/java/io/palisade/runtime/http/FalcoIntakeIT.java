package io.palisade.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.runtime.RuntimeIngesterApplication;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.Fixtures;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
              "falco-intake-it.deadletter"));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.runtime", () -> TOPICS.runtime().name());
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
    String id = body.get("id").asString();
    ConsumerRecord<String, RuntimeAlert> record = awaitIds(id, 1).get(0);
    assertThat(record.key()).isEqualTo("it-falco/default/kubecon");
    assertThat(record.value().getRule()).isEqualTo("Terminal shell in container");
    assertThat(record.value().getPriority()).isEqualTo(FalcoPriority.CRITICAL);
    assertThat(record.value().getEventTimeNanos()).isEqualTo(445_995L);
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
  void ingestsFalcoInternalMessagesKeyedByHost() throws Exception {
    HttpResponse<String> response =
        post(Fixtures.text("falco/metrics-snapshot-internal/input.json"));

    assertThat(response.statusCode()).isEqualTo(200);
    ConsumerRecord<String, RuntimeAlert> record =
        awaitIds(json.readTree(response.body()).get("id").asString(), 1).get(0);
    assertThat(record.key()).isEqualTo("it-falco/test");
    assertThat(record.value().getSource()).isEqualTo("internal");
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
        .contains("palisade_runtime_requests_rejected_total{reason=\"malformed-json\"");
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

  private HttpResponse<String> post(String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/v1/falco"))
            .timeout(WAIT)
            .header("Content-Type", "application/json")
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
