package io.palisade.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class EvidencePublisherIT {

  private final PalisadeTopics topics =
      new PalisadeTopics(
          new TopicNames(
              null, null, null, "intake-it.signals", null, null, "intake-it.deadletter", null));

  @Test
  void returnsOnlyAfterEveryRecordOfTheBatchIsOnTheTopic() {
    KafkaBrokerExtension.createTopics(topics, 2);
    List<Evidence<Signal>> batch =
        IntStream.range(0, 50).mapToObj(i -> evidence("s-" + i)).toList();

    try (EvidencePublisher publisher =
        EvidencePublisher.connect(
            KafkaBrokerExtension.bootstrapServers(), "it", Duration.ofSeconds(10), Map.of())) {
      publisher.publishAll(topics.signals(), batch);
    }

    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.signals())) {
      var records = reader.awaitRecords(read -> read.size() >= 50, Duration.ofSeconds(30));
      assertThat(records)
          .extracting(r -> r.value().getId())
          .containsExactlyInAnyOrderElementsOf(batch.stream().map(e -> e.value().getId()).toList());
      assertThat(CloudEventHeaders.read(records.get(0).headers())).isPresent();
    }
  }

  @Test
  void publishesTheDeadLettersOfARequestWithItsAcceptedEvidence() {
    KafkaBrokerExtension.createTopics(topics, 1);
    var deadLetter =
        io.palisade.schemas.DeadLetter.ofInput(
                "POST /v1/test items[1]",
                "{not an event}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "intake-it",
                "missing-field",
                "items[1]: missing required field 'id'",
                Instant.EPOCH)
            .toProducerRecord(topics.deadLetter(), "c");

    try (EvidencePublisher publisher =
        EvidencePublisher.connect(
            KafkaBrokerExtension.bootstrapServers(), "it", Duration.ofSeconds(10), Map.of())) {
      publisher.publishAll(
          topics.signals(), List.of(evidence("with-a-dead-neighbour")), List.of(deadLetter));
    }

    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.deadLetter())) {
      var letters =
          reader.awaitRecords(
              read -> read.stream().anyMatch(r -> new String(r.value()).equals("{not an event}")),
              Duration.ofSeconds(30));
      var letter =
          letters.stream()
              .filter(r -> new String(r.value()).equals("{not an event}"))
              .findFirst()
              .orElseThrow();
      assertThat(new String(letter.headers().lastHeader("palisade.dlt.reason").value()))
          .isEqualTo("missing-field");
    }
  }

  @Test
  void reportsAnUnreachableBrokerWithinTheAckTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    long start = System.nanoTime();
    try (EvidencePublisher publisher =
        EvidencePublisher.connect(
            "127.0.0.1:" + closedPort, "it", Duration.ofSeconds(2), Map.of())) {
      assertThatThrownBy(() -> publisher.publishAll(topics.signals(), List.of(evidence("lost"))))
          .isInstanceOf(PublishException.class)
          .extracting(e -> ((PublishException) e).reason())
          .isEqualTo("kafka-unavailable");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  private static Evidence<Signal> evidence(String id) {
    Signal signal =
        Signal.newBuilder()
            .setId(id)
            .setCluster("c")
            .setEventTime(Instant.EPOCH)
            .setIngestTime(Instant.EPOCH)
            .setRuleId("r")
            .setTitle("t")
            .setSeverity(Severity.LOW)
            .setEvidence(new EvidenceRef(EvidenceSource.AUDIT, "x", id, ""))
            .build();
    return new Evidence<>(
        "c", signal, new CloudEvent(id, CloudEvent.sourceOf("it", "c"), "t", Instant.EPOCH, null));
  }
}
