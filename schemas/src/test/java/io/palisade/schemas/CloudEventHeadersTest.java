package io.palisade.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  private final CloudEvent event =
      new CloudEvent(
          "sig-1",
          CloudEvent.sourceOf("correlation-engine", "prod-eu"),
          "io.palisade.signal.v1",
          Instant.parse("2026-11-28T10:00:00.123Z"),
          "prod-eu");

  @Test
  void writesTheBinaryModeHeadersOfTheKafkaBinding() {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(headers, event);

    assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(text(headers, "ce_id")).isEqualTo("sig-1");
    assertThat(text(headers, "ce_source")).isEqualTo("/palisade/correlation-engine/prod-eu");
    assertThat(text(headers, "ce_type")).isEqualTo("io.palisade.signal.v1");
    assertThat(text(headers, "ce_time")).isEqualTo("2026-11-28T10:00:00.123Z");
    assertThat(text(headers, "content-type")).isEqualTo("application/avro");
  }

  @Test
  void readsBackWhatItWrote() {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders.write(headers, event);
    CloudEventHeaders.write(headers, event); // rewriting replaces, never duplicates

    assertThat(CloudEventHeaders.read(headers)).contains(event);
    assertThat(headers.headers("ce_id")).hasSize(1);
  }

  @Test
  void readsNothingFromARecordWithoutCloudEventsHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", "x".getBytes(StandardCharsets.UTF_8));

    assertThat(CloudEventHeaders.read(headers)).isEmpty();
  }

  @Test
  void buildsAProducerRecordForATypedTopic() {
    PalisadeTopics topics = PalisadeTopics.withDefaultNames();
    ProducerRecord<String, Signal> record =
        CloudEventHeaders.record(topics.signals(), "prod-eu", ContractSamples.signal(), event);

    assertThat(record.topic()).isEqualTo("palisade.signals.v1");
    assertThat(CloudEventHeaders.read(record.headers())).contains(event);
  }

  private static String text(RecordHeaders headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
