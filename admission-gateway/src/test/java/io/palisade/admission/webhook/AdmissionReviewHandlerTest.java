package io.palisade.admission.webhook;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.admission.AdmissionPolicies;
import io.palisade.admission.policy.AdmissionEvaluator;
import io.palisade.admission.publish.AdmissionDecisionRecords;
import io.palisade.admission.publish.DecisionPublisher;
import io.palisade.admission.review.AdmissionReviewReader;
import io.palisade.avro.AdmissionDecision;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.node.ObjectNode;

class AdmissionReviewHandlerTest {

  private static final Instant NOW = Instant.parse("2026-07-01T10:15:30Z");

  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final DecisionPublisher publisher =
      new DecisionPublisher(
          new EvidencePublisher(producer, Duration.ofSeconds(5)),
          topics.admission(),
          Executors.newSingleThreadExecutor(),
          100,
          Duration.ofSeconds(1),
          meters);
  private final AdmissionReviewHandler handler =
      new AdmissionReviewHandler(
          new AdmissionReviewReader(),
          new AdmissionEvaluator(AdmissionPolicies.all()),
          new AdmissionDecisionRecords("test", topics.admission().eventType()),
          publisher,
          Clock.fixed(NOW, ZoneOffset.UTC),
          meters);

  @AfterEach
  void close() {
    publisher.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "pod-create-privileged",
        "pod-create-generatename-privileged",
        "pod-update-ephemeral-privileged",
        "pod-update-image-privileged",
        "pod-update-labels-only-privileged",
        "deployment-create-compliant",
        "deployment-create-privileged-template",
        "deployment-update-dryrun",
        "deployment-scale-subresource"
      })
  void answersEachCaseAsExpected(String caseName) throws Exception {
    AdmissionReviewResponse response = handler.handle(review(caseName));

    JSONAssert.assertEquals(
        Fixtures.text("admission-review/" + caseName + "/expected-response.json"),
        JSON.writeValueAsString(response),
        JSONCompareMode.STRICT);
  }

  @Test
  void publishesTheDecisionOfARealRequest() {
    handler.handle(review("pod-create-privileged"));

    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    AdmissionDecision published =
        topics
            .admission()
            .valueSerde()
            .deserializer()
            .deserialize("t", producer.history().get(0).value());
    assertThat(published.getId()).isEqualTo("3d4fc6c1-7906-47d9-b7da-fc2b22353643");
    assertThat(published.getAllowed()).isFalse();
    assertThat(published.getEventTime()).isEqualTo(NOW);
    assertThat(published.getViolations())
        .extracting(v -> v.getPolicy())
        .containsExactly("pss:privileged");
  }

  @Test
  void publishesNothingForADryRun() {
    handler.handle(review("deployment-update-dryrun"));
    handler.handle(review("deployment-create-compliant")); // a marker published after it

    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    assertThat(
            topics
                .admission()
                .valueSerde()
                .deserializer()
                .deserialize("t", producer.history().get(0).value())
                .getId())
        .isEqualTo("2024ee9c-c374-413c-838d-e62bcb4826be");
  }

  @Test
  void countsDecisionsByVerdictAndViolationsByPolicy() {
    handler.handle(review("pod-create-privileged"));
    handler.handle(review("pod-update-ephemeral-privileged"));
    handler.handle(review("deployment-create-compliant"));
    handler.handle(review("deployment-create-privileged-template"));

    assertThat(count(AdmissionReviewHandler.DECISIONS, "decision", "denied")).isEqualTo(2);
    assertThat(count(AdmissionReviewHandler.DECISIONS, "decision", "allowed")).isEqualTo(2);
    assertThat(
            meters
                .get(AdmissionReviewHandler.VIOLATIONS)
                .tag("policy", "pss:privileged")
                .tag("action", "deny")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(count(AdmissionReviewHandler.VIOLATIONS, "action", "warn")).isEqualTo(1);
    assertThat(meters.get(AdmissionReviewHandler.EVALUATION).timer().count()).isEqualTo(4);
  }

  @Test
  void echoesTheUidEvenWhenTheObjectIsMissing() {
    ObjectNode review = review("pod-create-privileged");
    ((ObjectNode) review.path("request")).remove("object");

    AdmissionReviewResponse response = handler.handle(review);

    assertThat(response.response().uid()).isEqualTo("3d4fc6c1-7906-47d9-b7da-fc2b22353643");
    assertThat(response.response().allowed()).isTrue();
  }

  @Test
  void rejectsABodyWithoutARequestUidAndPublishesNothing() {
    ObjectNode review = review("pod-create-privileged");
    ((ObjectNode) review.path("request")).remove("uid");

    assertThatThrownBy(() -> handler.handle(review)).isInstanceOf(InvalidEvidenceException.class);
    assertThat(meters.find(AdmissionReviewHandler.DECISIONS).counters()).isEmpty();
  }

  @Test
  void cutsOverlongWarnings() {
    String longName = "c".repeat(300);
    ObjectNode review = review("deployment-create-privileged-template");
    ObjectNode container =
        (ObjectNode)
            review
                .path("request")
                .path("object")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
    container.put("name", longName);

    String warning = handler.handle(review).response().warnings().get(0);

    assertThat(AdmissionReviewResponse.MAX_WARNING_LENGTH).isEqualTo(120);
    assertThat(warning).hasSize(AdmissionReviewResponse.MAX_WARNING_LENGTH).endsWith("…");
  }

  @Test
  void allowsAKindNoPolicyJudgesAndRecordsItAsNotApplicable() {
    ObjectNode review = review("deployment-create-compliant");
    ObjectNode request = (ObjectNode) review.path("request");
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
    request
        .putObject("resource")
        .put("group", "")
        .put("version", "v1")
        .put("resource", "configmaps");
    request.putObject("object").putObject("metadata").put("name", "settings");

    AdmissionReviewResponse response = handler.handle(review);

    assertThat(response.response().allowed()).isTrue();
    assertThat(response.response().warnings()).isNull();
    assertThat(response.response().status()).isNull();
    assertThat(count(AdmissionReviewHandler.DECISIONS, "decision", "not-applicable")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    AdmissionDecision published =
        topics
            .admission()
            .valueSerde()
            .deserializer()
            .deserialize("t", producer.history().get(0).value());
    assertThat(published.getApplicable()).isFalse();
    assertThat(published.getAllowed()).isTrue();
    assertThat(published.getKind()).isEqualTo("ConfigMap");
    assertThat(published.getViolations()).isEmpty();
  }

  @Test
  void recordsTheEvaluationTimeAndTheModeOfEveryViolation() {
    handler.handle(review("pod-create-generatename-privileged"));

    await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
    AdmissionDecision published =
        topics
            .admission()
            .valueSerde()
            .deserializer()
            .deserialize("t", producer.history().get(0).value());
    assertThat(published.getApplicable()).isTrue();
    assertThat(published.getEvaluationMicros()).isNotNull().isNotNegative();
    assertThat(published.getMode()).isEqualTo("enforce");
    assertThat(published.getViolations())
        .allSatisfy(v -> assertThat(v.getMode()).isEqualTo("enforce"));
  }

  private double count(String meter, String tag, String value) {
    return meters.get(meter).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
