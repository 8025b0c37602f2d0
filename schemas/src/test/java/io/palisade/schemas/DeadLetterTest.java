package io.palisade.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private final Topic<byte[], byte[]> deadLetters = PalisadeTopics.withDefaultNames().deadLetter();

  @Test
  void keepsTheOriginalBytesAndSaysWhereTheyCameFromAndWhy() {
    ConsumerRecord<byte[], byte[]> unreadable =
        new ConsumerRecord<>("palisade.audit.v1", 2, 41L, bytes("k"), bytes("garbage"));
    unreadable.headers().add("ce_id", bytes("original-id"));

    ProducerRecord<byte[], byte[]> letter =
        DeadLetter.ofRecord(
                unreadable, "palisade-detect", "deserialization", new IllegalStateException("bad"))
            .toProducerRecord(deadLetters, "prod");

    assertThat(letter.topic()).isEqualTo("palisade.deadletter.v1");
    assertThat(letter.key()).isEqualTo(bytes("k"));
    assertThat(letter.value()).isEqualTo(bytes("garbage"));
    Headers headers = letter.headers();
    assertThat(text(headers, DeadLetter.ORIGIN)).isEqualTo("palisade.audit.v1/2/41");
    assertThat(text(headers, DeadLetter.TOPIC)).isEqualTo("palisade.audit.v1");
    assertThat(text(headers, DeadLetter.PARTITION)).isEqualTo("2");
    assertThat(text(headers, DeadLetter.OFFSET)).isEqualTo("41");
    assertThat(text(headers, DeadLetter.SERVICE)).isEqualTo("palisade-detect");
    assertThat(text(headers, DeadLetter.REASON)).isEqualTo("deserialization");
    assertThat(text(headers, DeadLetter.ERROR)).isEqualTo("java.lang.IllegalStateException: bad");
    assertThat(text(headers, DeadLetter.ORIGINAL_HEADER_PREFIX + "ce_id")).isEqualTo("original-id");
    assertThat(CloudEventHeaders.read(headers).orElseThrow().id())
        .isEqualTo("palisade.audit.v1/2/41");
    assertThat(text(headers, "content-type")).isEqualTo("application/octet-stream");
  }

  @Test
  void namesRefusedRequestInputStablySoThatARetriedRequestCanBeRecognised() {
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    DeadLetter first =
        DeadLetter.ofInput(
            "POST /v1/audit items[3]",
            bytes("{\"verb\":1}"),
            "audit-ingester",
            "missing-field",
            "no auditID",
            now);
    DeadLetter retried =
        DeadLetter.ofInput(
            "POST /v1/audit items[3]",
            bytes("{\"verb\":1}"),
            "audit-ingester",
            "missing-field",
            "no auditID",
            now.plusSeconds(10));
    DeadLetter other =
        DeadLetter.ofInput(
            "POST /v1/audit items[4]",
            bytes("{\"verb\":1}"),
            "audit-ingester",
            "missing-field",
            "no auditID",
            now);

    String id = ceId(first.toProducerRecord(deadLetters, "prod"));
    assertThat(ceId(retried.toProducerRecord(deadLetters, "prod"))).isEqualTo(id);
    assertThat(ceId(other.toProducerRecord(deadLetters, "prod"))).isNotEqualTo(id);
    assertThat(first.toProducerRecord(deadLetters, "prod").headers().lastHeader(DeadLetter.TOPIC))
        .isNull();
  }

  @Test
  void boundsTheErrorText() {
    DeadLetter letter =
        DeadLetter.ofInput("x", bytes("y"), "s", "r", "e".repeat(5000), Instant.EPOCH);

    assertThat(letter.error()).hasSize(DeadLetter.MAX_ERROR_LENGTH + 1).endsWith("…");
  }

  private static String ceId(ProducerRecord<byte[], byte[]> record) {
    return CloudEventHeaders.read(record.headers()).orElseThrow().id();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
