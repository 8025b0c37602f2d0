package io.palisade.correlation.deadletter;

import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An input record the engine could not decode, and why. Written to the dead-letter topic as the
 * original key and value bytes, with headers that say where it came from and what went wrong.
 *
 * @param application the Kafka Streams application that could not read it
 * @param reason a stable word for the kind of failure, e.g. {@code deserialization}
 */
public record DeadLetter(
    ConsumerRecord<byte[], byte[]> original, String application, String reason, Exception error) {

  public static final String TOPIC = "palisade.dlt.topic";
  public static final String PARTITION = "palisade.dlt.partition";
  public static final String OFFSET = "palisade.dlt.offset";
  public static final String REASON = "palisade.dlt.reason";
  public static final String ERROR = "palisade.dlt.error";
  public static final String APPLICATION = "palisade.dlt.application";

  /** Prefix under which the original record's headers are kept (its own CloudEvents included). */
  public static final String ORIGINAL_HEADER_PREFIX = "palisade.dlt.original.";

  /** The value is whatever bytes arrived, not the Avro the topic promises. */
  public static final String CONTENT_TYPE = "application/octet-stream";

  private static final int MAX_ERROR_LENGTH = 1000;

  /**
   * The dead-letter record: original key and value, the provenance headers and CloudEvents headers
   * whose id (topic/partition/offset) stays the same if the record is dead-lettered again after a
   * restart, so that readers can drop the repeat.
   */
  public ProducerRecord<byte[], byte[]> toProducerRecord(
      String deadLetterTopic, String eventType, URI source) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(deadLetterTopic, original.key(), original.value());
    Headers headers = record.headers();
    for (Header header : original.headers()) {
      headers.add(ORIGINAL_HEADER_PREFIX + header.key(), header.value());
    }
    put(headers, TOPIC, original.topic());
    put(headers, PARTITION, Integer.toString(original.partition()));
    put(headers, OFFSET, Long.toString(original.offset()));
    put(headers, REASON, reason);
    put(headers, ERROR, describe(error));
    put(headers, APPLICATION, application == null ? "" : application);
    Instant time =
        original.timestamp() >= 0 ? Instant.ofEpochMilli(original.timestamp()) : Instant.EPOCH;
    CloudEventHeaders.write(
        headers,
        new CloudEvent(
            original.topic() + "/" + original.partition() + "/" + original.offset(),
            source,
            eventType,
            time,
            original.topic()));
    put(headers, CloudEventHeaders.CONTENT_TYPE, CONTENT_TYPE);
    return record;
  }

  private static String describe(Exception error) {
    if (error == null) {
      return "";
    }
    String text = error.getClass().getName() + ": " + error.getMessage();
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
