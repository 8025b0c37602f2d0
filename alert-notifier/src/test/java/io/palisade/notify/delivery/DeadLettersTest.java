package io.palisade.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();

  @Test
  void keepsTheOriginalBytesAndSaysWhereTheyCameFrom() {
    byte[] key = "inc-1".getBytes(StandardCharsets.UTF_8);
    byte[] value = {1, 2, 3};
    ConsumerRecord<byte[], byte[]> unreadable =
        new ConsumerRecord<>("palisade.incidents.v1", 2, 41L, key, value);

    ProducerRecord<byte[], byte[]> letter =
        DeadLetters.of(
            unreadable,
            "cannot decode Incident: not Avro single-object encoding",
            topics.deadLetter(),
            "prod-eu",
            Instant.parse("2026-11-20T09:00:00Z"));

    assertThat(letter.topic()).isEqualTo("palisade.deadletter.v1");
    assertThat(letter.key()).isEqualTo(key);
    assertThat(letter.value()).isEqualTo(value);
    assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo("palisade.incidents.v1");
    assertThat(header(letter, DeadLetters.PARTITION)).isEqualTo("2");
    assertThat(header(letter, DeadLetters.OFFSET)).isEqualTo("41");
    assertThat(header(letter, DeadLetters.ERROR)).contains("not Avro single-object encoding");
    var event = CloudEventHeaders.read(letter.headers()).orElseThrow();
    assertThat(event.id()).isEqualTo("palisade.incidents.v1/2/41");
    assertThat(event.type()).isEqualTo(topics.deadLetter().eventType());
    assertThat(event.source().toString()).isEqualTo("/palisade/alert-notifier/prod-eu");
  }

  @Test
  void boundsALongError() {
    ConsumerRecord<byte[], byte[]> unreadable =
        new ConsumerRecord<>("t", 0, 0L, null, new byte[] {9});

    ProducerRecord<byte[], byte[]> letter =
        DeadLetters.of(unreadable, "x".repeat(5000), topics.deadLetter(), "c", Instant.EPOCH);

    assertThat(header(letter, DeadLetters.ERROR)).hasSize(DeadLetters.MAX_ERROR_LENGTH + 1);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
