package io.palisade.notify.delivery;

import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The dead-letter record for an input record that cannot be read: its original key and bytes, and
 * headers that say where it came from and what was wrong with it.
 */
final class DeadLetters {

  static final String SOURCE_TOPIC = "palisade.dlt.source-topic";
  static final String PARTITION = "palisade.dlt.partition";
  static final String OFFSET = "palisade.dlt.offset";
  static final String ERROR = "palisade.dlt.error";

  /** Error texts are bounded: a header is not the place for a stack of causes. */
  static final int MAX_ERROR_LENGTH = 1000;

  private DeadLetters() {}

  static ProducerRecord<byte[], byte[]> of(
      ConsumerRecord<byte[], byte[]> unreadable,
      String error,
      Topic<byte[], byte[]> deadLetter,
      String cluster,
      Instant now) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(deadLetter.name(), unreadable.key(), unreadable.value());
    String origin = unreadable.topic() + "/" + unreadable.partition() + "/" + unreadable.offset();
    CloudEventHeaders.write(
        record.headers(),
        new CloudEvent(
            origin,
            CloudEvent.sourceOf(AttemptRecords.SERVICE, cluster),
            deadLetter.eventType(),
            now,
            null));
    put(record, SOURCE_TOPIC, unreadable.topic());
    put(record, PARTITION, Integer.toString(unreadable.partition()));
    put(record, OFFSET, Long.toString(unreadable.offset()));
    String text = error == null ? "unreadable record" : error;
    put(
        record,
        ERROR,
        text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text);
    return record;
  }

  private static void put(ProducerRecord<byte[], byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
