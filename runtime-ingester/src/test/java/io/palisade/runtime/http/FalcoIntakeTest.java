package io.palisade.runtime.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class FalcoIntakeTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final FalcoIntake intake =
      new FalcoIntake(
          new FalcoAlertNormalizer(),
          new EvidencePublisher(producer, Duration.ofSeconds(1)),
          topics.runtime(),
          "prod-eu",
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void publishesTheAlertKeyedByItsPodWithCloudEventsHeaders() {
    RuntimeAlert alert = intake.accept(Fixtures.bytes("falco/terminal-shell/input.json"));

    assertThat(producer.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> record = producer.history().get(0);
    assertThat(record.topic()).isEqualTo("palisade.runtime.v1");
    assertThat(new String(record.key(), UTF_8)).isEqualTo("prod-eu/default/kubecon");
    CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
    assertThat(event.id()).isEqualTo(alert.getId());
    assertThat(event.type()).isEqualTo("io.palisade.runtime.v1");
    assertThat(
            topics
                .runtime()
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.value()))
        .isEqualTo(alert);
  }

  @Test
  void publishesNothingForMalformedJson() {
    assertThatThrownBy(() -> intake.accept("{\"rule\":".getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("malformed-json");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void refusesABodyThatIsNotAnObject() {
    assertThatThrownBy(() -> intake.accept("[1,2]".getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("invalid-body");
  }
}
