package io.palisade.audit.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.redact.AuditRedactor;
import io.palisade.intake.EvidencePublisher;
import io.palisade.schemas.PalisadeTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeadLetterLineSinkTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DeadLetterLineSink sink =
      new DeadLetterLineSink(
          new EvidencePublisher(producer, Duration.ofSeconds(1)),
          PalisadeTopics.withDefaultNames().deadLetter(),
          new AuditRedactor(),
          JsonMapper.builder().build(),
          "prod-eu",
          Duration.ofSeconds(1),
          Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void deadLettersARefusedLineWithWhereItWasAndWhy() {
    sink.reject(line("{not json", "malformed-json", "not valid JSON"));

    ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
    assertThat(letter.topic()).isEqualTo("palisade.deadletter.v1");
    assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(header(letter, "palisade.dlt.origin")).isEqualTo("logfile /var/log/audit.log@4096");
    assertThat(header(letter, "palisade.dlt.reason")).isEqualTo("malformed-json");
    assertThat(header(letter, "palisade.dlt.service")).isEqualTo("audit-ingester");
  }

  @Test
  void redactsSecretValuesOfARefusedJsonLine() {
    String secretEvent =
        "{\"objectRef\":{\"resource\":\"secrets\"},\"requestObject\":{\"kind\":\"Secret\","
            + "\"data\":{\"password\":\"Q0FOQVJZLWxvZ2ZpbGU=\"}}}";

    sink.reject(line(secretEvent, "missing-field", "no auditID"));

    String stored = new String(producer.history().get(0).value(), StandardCharsets.UTF_8);
    assertThat(stored).doesNotContain("Q0FOQVJZLWxvZ2ZpbGU=").contains("password");
  }

  private static RejectedLine line(String text, String reason, String message) {
    return new RejectedLine(
        Path.of("/var/log/audit.log"),
        null,
        4096,
        text.getBytes(StandardCharsets.UTF_8),
        reason,
        message);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
