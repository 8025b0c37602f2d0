package io.palisade.admission.webhook;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;
import static io.palisade.admission.AdmissionFixtures.uid;
import static io.palisade.admission.AdmissionFixtures.withFreshUid;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AdmissionDecision;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The running gateway on a real broker: answers over HTTP, decisions on the admission topic. */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=admission-gateway",
      "palisade.intake.tls.enabled=false",
      "palisade.cluster=it-cluster",
      "palisade.topics.audit=admission-gateway-it.audit",
      "palisade.topics.admission=admission-gateway-it.admission",
      "palisade.topics.runtime=admission-gateway-it.runtime",
      "palisade.topics.signals=admission-gateway-it.signals",
      "palisade.topics.incidents=admission-gateway-it.incidents",
      "palisade.topics.notifications=admission-gateway-it.notifications",
      "palisade.topics.dead-letter=admission-gateway-it.deadletter"
    })
class ValidateEndpointIT {

  private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
  }

  @LocalServerPort int port;
  @Autowired PalisadeTopics topics;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void createTopics() {
    // one partition, so that a record published later is also read later
    KafkaBrokerExtension.createTopics(topics, 1);
  }

  @Test
  void deniesAPrivilegedPodAndPublishesTheDecision() throws Exception {
    ObjectNode review = withFreshUid(review("pod-create-privileged"));
    String uid = uid(review);

    HttpResponse<String> answer = post("/validate", review.toString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("apiVersion").stringValue()).isEqualTo("admission.k8s.io/v1");
    assertThat(body.path("kind").stringValue()).isEqualTo("AdmissionReview");
    JsonNode response = body.path("response");
    assertThat(response.path("uid").stringValue()).isEqualTo(uid);
    assertThat(response.path("allowed").booleanValue()).isFalse();
    assertThat(response.path("status").path("code").intValue()).isEqualTo(403);
    assertThat(response.path("status").path("reason").stringValue()).isEqualTo("Forbidden");
    assertThat(response.path("status").path("message").stringValue())
        .startsWith("pods \"debug\" is forbidden: violates PodSecurity \"baseline:latest\": ")
        .contains("privileged (container \"debug\" must not set securityContext.privileged=true)");
    assertThat(response.has("patch")).isFalse();

    ConsumerRecord<String, AdmissionDecision> record = awaitDecision(uid);
    assertThat(record.key()).isEqualTo("it-cluster/team-a/Pod/debug");
    AdmissionDecision decision = record.value();
    assertThat(decision.getAllowed()).isFalse();
    assertThat(decision.getCluster()).isEqualTo("it-cluster");
    assertThat(decision.getUser().getUsername()).isEqualTo("kubernetes-admin");
    // the built-in defaults: baseline enforced (four checks fail), restricted warned and audited
    assertThat(decision.getViolations())
        .filteredOn(v -> v.getEnforced())
        .extracting(v -> v.getPolicy())
        .containsExactlyInAnyOrder(
            "pss:privileged",
            "pss:hostPathVolumes",
            "pss:hostNamespaces",
            "pss:capabilities_baseline");
    assertThat(JSON.readTree(decision.getObjectJson()))
        .isEqualTo(review.path("request").path("object"));
    CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
    assertThat(event.id()).isEqualTo(uid);
    assertThat(event.source()).isEqualTo(URI.create("/palisade/admission-gateway/it-cluster"));
    assertThat(event.type()).isEqualTo(topics.admission().eventType());
    assertThat(event.time()).isEqualTo(decision.getEventTime());
  }

  @Test
  void allowsACompliantDeploymentAndPublishesTheDecision() throws Exception {
    ObjectNode review = withFreshUid(review("deployment-create-compliant"));
    String uid = uid(review);

    JsonNode response = JSON.readTree(post("/validate", review.toString()).body()).path("response");

    assertThat(response.path("uid").stringValue()).isEqualTo(uid);
    assertThat(response.path("allowed").booleanValue()).isTrue();
    assertThat(response.has("status")).isFalse();
    ConsumerRecord<String, AdmissionDecision> record = awaitDecision(uid);
    assertThat(record.key()).isEqualTo("it-cluster/payments/Deployment/payments-api");
    assertThat(record.value().getAllowed()).isTrue();
    assertThat(record.value().getViolations())
        .as("only what the Palisade policies record in their default mode, audit")
        .allSatisfy(v -> assertThat(v.getEnforced()).isFalse())
        .extracting(v -> v.getPolicy())
        .allSatisfy(policy -> assertThat(policy).startsWith("palisade:"));
  }

  @Test
  void answersADryRunButPublishesNoDecisionForIt() throws Exception {
    ObjectNode dryRun = withFreshUid(review("deployment-update-dryrun"));
    ObjectNode marker = withFreshUid(review("deployment-create-compliant"));

    JsonNode answer = JSON.readTree(post("/validate", dryRun.toString()).body()).path("response");
    post("/validate", marker.toString());

    assertThat(answer.path("uid").stringValue()).isEqualTo(uid(dryRun));
    assertThat(answer.has("allowed")).as("a dry run is decided and answered").isTrue();
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.admission())) {
      List<ConsumerRecord<String, AdmissionDecision>> records =
          reader.awaitRecords(read -> contains(read, uid(marker)), KAFKA_WAIT);
      assertThat(contains(records, uid(dryRun)))
          .as("the dry run was decided before the marker, so its record would be on the topic")
          .isFalse();
    }
  }

  @Test
  void rejectsMalformedJsonWithAJsonError() throws Exception {
    HttpResponse<String> answer = post("/validate", "{\"apiVersion\": ");

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.path("status").intValue()).isEqualTo(400);
    assertThat(error.path("reason").stringValue()).isEqualTo("malformed-json");
  }

  @Test
  void rejectsAnAdmissionReviewWithoutARequestUid() throws Exception {
    ObjectNode review = review("pod-create-privileged");
    ((ObjectNode) review.path("request")).remove("uid");

    HttpResponse<String> answer = post("/validate", review.toString());

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.path("reason").stringValue()).isEqualTo("missing-field");
    assertThat(error.path("message").stringValue()).contains("uid");
  }

  @Test
  void servesLivenessAndPrometheusMetrics() throws Exception {
    post("/validate", withFreshUid(review("pod-create-privileged")).toString());

    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    HttpResponse<String> prometheus = get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("palisade_admission_decisions_total{")
        .contains("decision=\"denied\"")
        .contains("palisade_admission_violations_total{")
        .contains("palisade_admission_evaluation_seconds_bucket");
  }

  private ConsumerRecord<String, AdmissionDecision> awaitDecision(String uid) {
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.admission())) {
      return reader.awaitRecords(read -> contains(read, uid), KAFKA_WAIT).stream()
          .filter(r -> r.value().getId().equals(uid))
          .findFirst()
          .orElseThrow();
    }
  }

  private static boolean contains(
      List<ConsumerRecord<String, AdmissionDecision>> read, String uid) {
    return read.stream().anyMatch(r -> r.value().getId().equals(uid));
  }

  private HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
