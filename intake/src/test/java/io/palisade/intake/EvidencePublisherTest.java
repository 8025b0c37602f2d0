package io.palisade.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class EvidencePublisherTest {

  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void refusesARecordOverTheLimitBeforeSendingAnythingOfItsRequest() {
    MockProducer<byte[], byte[]> producer = producer(true);
    EvidencePublisher publisher = publisher(producer, 600);

    assertThatThrownBy(
            () ->
                publisher.publishAll(
                    topics.signals(), List.of(signal("small", ""), signal("big", "x".repeat(800)))))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("event big")
        .extracting(e -> ((RequestTooLargeException) e).reason())
        .isEqualTo("event-too-large");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void publishesAnEventOverTheLimitAsItsDeadLetterAndItsNeighboursAsEvents() {
    MockProducer<byte[], byte[]> producer = producer(true);
    EvidencePublisher publisher = publisher(producer, 600);
    List<String> refused = new java.util.ArrayList<>();

    int published =
        publisher.publishAll(
            topics.signals(),
            List.of(signal("small", ""), signal("big", "x".repeat(800)), signal("also", "")),
            List.of(),
            (evidence, value, message) -> {
              refused.add(evidence.event().id() + ": " + message);
              assertThat(value.length).isGreaterThan(600);
              return DeadLetter.ofInput(
                      "test", value, "it", "event-too-large", message, Instant.EPOCH)
                  .toProducerRecord(topics.deadLetter(), "c");
            });

    assertThat(published).isEqualTo(2);
    assertThat(refused).singleElement().asString().startsWith("big: event big is ");
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly(
            topics.signals().name(), topics.signals().name(), topics.deadLetter().name());
    assertThat(producer.history().get(2).headers().lastHeader(EvidencePublisher.TRUNCATED))
        .isNotNull();
  }

  @Test
  void cutsADeadLetterThatWouldBeTooLargeForKafkaAndSaysSo() {
    MockProducer<byte[], byte[]> producer = producer(true);
    EvidencePublisher publisher = publisher(producer, 70 * 1024);
    byte[] huge = "y".repeat(100 * 1024).getBytes(UTF_8);
    ProducerRecord<byte[], byte[]> letter =
        DeadLetter.ofInput(
                "POST /v1/test line 3", huge, "it", "event-too-large", "big", Instant.EPOCH)
            .toProducerRecord(topics.deadLetter(), "c");

    publisher.publishAll(topics.signals(), List.of(signal("ok", "")), List.of(letter));

    ProducerRecord<byte[], byte[]> sent = producer.history().get(1);
    assertThat(sent.value()).hasSize(70 * 1024 - 64 * 1024);
    assertThat(new String(sent.headers().lastHeader(EvidencePublisher.TRUNCATED).value(), UTF_8))
        .isEqualTo(Integer.toString(100 * 1024));
    assertThat(new String(sent.headers().lastHeader(DeadLetter.REASON).value(), UTF_8))
        .isEqualTo("event-too-large");
  }

  @Test
  void countsDeadLettersByTheReasonTheIntakeGives() {
    IntakeMetrics metrics = new IntakeMetrics(meters);

    metrics.deadLettered("malformed-json", 2);
    metrics.deadLettered("event-too-large", 1);

    assertThat(
            meters
                .get("palisade.intake.dead.letters")
                .tag("reason", "malformed-json")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            meters
                .get("palisade.intake.dead.letters")
                .tag("reason", "event-too-large")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void countsAcknowledgedRecordsBatchSizesAndPublishTime() {
    EvidencePublisher publisher = publisher(producer(true), Long.MAX_VALUE);
    ProducerRecord<byte[], byte[]> letter =
        DeadLetter.ofInput("o", new byte[] {1}, "it", "bad", "bad", Instant.EPOCH)
            .toProducerRecord(topics.deadLetter(), "c");

    publisher.publishAll(
        topics.signals(), List.of(signal("a", ""), signal("b", "")), List.of(letter));

    String topic = topics.signals().name();
    assertThat(meters.get("palisade.intake.events.accepted").tag("topic", topic).counter().count())
        .isEqualTo(2);
    assertThat(meters.get("palisade.intake.batch.size").summary().totalAmount()).isEqualTo(2);
    assertThat(
            meters
                .get("palisade.intake.publish.duration")
                .tag("outcome", "acknowledged")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void treatsARecordKafkaFindsTooLargeAsRefusedForGoodNotAsUnavailable() throws Exception {
    MockProducer<byte[], byte[]> producer = producer(false);
    EvidencePublisher publisher = publisher(producer, Long.MAX_VALUE);
    Thread broker =
        new Thread(
            () -> {
              while (producer.history().isEmpty()) {
                Thread.onSpinWait();
              }
              producer.errorNext(new RecordTooLargeException("too large for the broker"));
            });
    broker.start();

    assertThatThrownBy(() -> publisher.publishAll(topics.signals(), List.of(signal("a", ""))))
        .isInstanceOf(RequestTooLargeException.class)
        .hasMessageContaining("too large for the broker");
    broker.join(5000);
    assertThat(
            meters.get("palisade.intake.publish.duration").tag("outcome", "failed").timer().count())
        .isEqualTo(1);
  }

  @Test
  void stopsSendingTheRestOfARequestOnceKafkaCouldNotTakeOneRecord() {
    AtomicInteger sends = new AtomicInteger();
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            sends.incrementAndGet();
            return super.send(record, callback);
          }
        };
    producer.sendException = new TimeoutException("metadata not available after 1000 ms");
    EvidencePublisher publisher = publisher(producer, Long.MAX_VALUE);
    List<Evidence<Signal>> batch =
        IntStream.range(0, 20).mapToObj(i -> signal("s-" + i, "")).toList();

    assertThatThrownBy(() -> publisher.publishAll(topics.signals(), batch))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("metadata not available")
        .extracting(e -> ((PublishException) e).reason())
        .isEqualTo("kafka-unavailable");
    assertThat(sends).hasValue(1);
    assertThat(
            meters.get("palisade.intake.publish.duration").tag("outcome", "failed").timer().count())
        .isEqualTo(1);
  }

  private EvidencePublisher publisher(MockProducer<byte[], byte[]> producer, long maxRecordBytes) {
    return new EvidencePublisher(
        producer,
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        maxRecordBytes,
        new IntakeMetrics(meters));
  }

  private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Evidence<Signal> signal(String id, String title) {
    Signal signal =
        Signal.newBuilder()
            .setId(id)
            .setCluster("c")
            .setEventTime(Instant.EPOCH)
            .setIngestTime(Instant.EPOCH)
            .setRuleId("r")
            .setTitle(title)
            .setSeverity(Severity.LOW)
            .setEvidence(new EvidenceRef(EvidenceSource.AUDIT, "x", id, ""))
            .build();
    return new Evidence<>(
        "c", signal, new CloudEvent(id, CloudEvent.sourceOf("it", "c"), "t", Instant.EPOCH, null));
  }
}
