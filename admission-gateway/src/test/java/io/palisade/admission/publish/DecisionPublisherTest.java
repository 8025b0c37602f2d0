package io.palisade.admission.publish;

import static io.palisade.admission.AdmissionFixtures.request;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.admission.policy.Decision;
import io.palisade.avro.AdmissionDecision;
import io.palisade.intake.Evidence;
import io.palisade.intake.EvidencePublisher;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecisionPublisherTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final PalisadeTopics topics =
      new PalisadeTopics(
          new TopicNames(null, "test.admission", null, null, null, null, null, null));
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final ExecutorService sender = Executors.newSingleThreadExecutor();
  private DecisionPublisher publisher;

  @AfterEach
  void close() {
    if (!producer.closed()) {
      publisher.close();
    }
  }

  @Test
  void publishesTheDecisionWithItsKeyAndCloudEventHeaders() {
    publisher = publisher(10);
    Evidence<AdmissionDecision> decision = decision("pod-create-privileged");

    publisher.publish(decision);
    await().atMost(WAIT).until(() -> producer.history().size() == 1);
    assertThat(publisher.inFlight()).isEqualTo(1);
    producer.completeNext();

    await().atMost(WAIT).until(() -> outcome("published") == 1);
    assertThat(publisher.inFlight()).isZero();
    ProducerRecord<byte[], byte[]> record = producer.history().get(0);
    assertThat(record.topic()).isEqualTo("test.admission");
    assertThat(topics.admission().keySerde().deserializer().deserialize("t", record.key()))
        .isEqualTo(decision.key());
    assertThat(topics.admission().valueSerde().deserializer().deserialize("t", record.value()))
        .isEqualTo(decision.value());
    assertThat(CloudEventHeaders.read(record.headers())).contains(decision.event());
  }

  @Test
  void countsAndForgetsADecisionKafkaRefuses() {
    publisher = publisher(10);

    publisher.publish(decision("pod-create-privileged"));
    await().atMost(WAIT).until(() -> producer.history().size() == 1);
    producer.errorNext(new TimeoutException("Expiring 1 record(s): 120000 ms has passed"));

    await().atMost(WAIT).until(() -> outcome("failed") == 1);
    assertThat(outcome("published")).isZero();
    assertThat(publisher.inFlight()).isZero();
  }

  @Test
  void publishesAgainByItselfAfterKafkaFailed() {
    publisher = publisher(10);

    publisher.publish(decision("pod-create-privileged"));
    await().atMost(WAIT).until(() -> producer.history().size() == 1);
    producer.errorNext(new TimeoutException("Topic not present in metadata after 5000 ms"));
    await().atMost(WAIT).until(() -> outcome("failed") == 1);
    publisher.publish(decision("deployment-create-compliant"));
    await().atMost(WAIT).until(() -> producer.history().size() == 2);
    producer.completeNext();

    await().atMost(WAIT).until(() -> outcome("published") == 1);
    assertThat(publisher.inFlight()).isZero();
  }

  @Test
  void dropsDecisionsBeyondTheInFlightLimitWithoutBlocking() {
    publisher = publisher(2);

    for (int i = 0; i < 5; i++) {
      publisher.publish(decision("pod-create-privileged"));
    }

    assertThat(outcome("dropped")).isEqualTo(3);
    assertThat(publisher.inFlight()).isEqualTo(2);
    assertThat(meters.get("palisade.admission.publish.in.flight").gauge().value()).isEqualTo(2);
    await().atMost(WAIT).until(() -> producer.history().size() == 2);
    producer.completeNext();
    await().atMost(WAIT).until(() -> publisher.inFlight() == 1);

    publisher.publish(decision("pod-create-privileged"));
    await().atMost(WAIT).until(() -> producer.history().size() == 3);
    assertThat(outcome("dropped")).as("a freed permit is reused").isEqualTo(3);
  }

  @Test
  void neverBlocksTheCallerWhileTheSenderIsStuck() throws InterruptedException {
    CountDownLatch stuck = new CountDownLatch(1);
    sender.execute(
        () -> {
          try {
            stuck.await(); // e.g. KafkaProducer.send waiting for metadata of an unreachable broker
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    publisher = publisher(1);

    long start = System.nanoTime();
    publisher.publish(decision("pod-create-privileged"));
    publisher.publish(decision("pod-create-privileged"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(outcome("dropped")).isEqualTo(1);
    assertThat(producer.history()).isEmpty();
    stuck.countDown();
    await().atMost(WAIT).until(() -> producer.history().size() == 1);
  }

  @Test
  void dropsWhatArrivesAfterCloseAndClosesTheProducer() throws InterruptedException {
    publisher = publisher(10);
    publisher.close();

    publisher.publish(decision("pod-create-privileged"));

    assertThat(outcome("dropped")).isEqualTo(1);
    assertThat(publisher.inFlight()).isZero();
    assertThat(producer.closed()).isTrue();
    assertThat(sender.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
  }

  private DecisionPublisher publisher(int maxInFlight) {
    return new DecisionPublisher(
        new EvidencePublisher(producer, WAIT),
        topics.admission(),
        sender,
        maxInFlight,
        Duration.ofSeconds(1),
        meters);
  }

  private double outcome(String outcome) {
    return meters.get("palisade.admission.publish").tag("outcome", outcome).counter().count();
  }

  private Evidence<AdmissionDecision> decision(String caseName) {
    return new AdmissionDecisionRecords("c", topics.admission().eventType())
        .of(
            request(review(caseName)),
            new Decision(true, List.of(), List.of(), null),
            Instant.EPOCH,
            Instant.EPOCH,
            0);
  }
}
