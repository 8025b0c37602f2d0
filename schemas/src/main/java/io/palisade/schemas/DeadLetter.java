package io.palisade.schemas;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Input Palisade could not accept, kept with the reason instead of being dropped: written to the
 * dead-letter topic as the original bytes, with headers that say where it came from, which service
 * refused it and why. Every service builds its dead letters here, so they all carry the same
 * headers.
 *
 * <ul>
 *   <li>{@code palisade.dlt.origin}: where the bytes came from, e.g. {@code palisade.audit.v1/2/41}
 *       or {@code POST /v1/audit items[3]}
 *   <li>{@code palisade.dlt.topic}, {@code .partition}, {@code .offset}: for records read from
 *       Kafka
 *   <li>{@code palisade.dlt.service}, {@code .reason} (stable, machine-readable), {@code .error}
 *       (for humans, bounded)
 *   <li>{@code palisade.dlt.original.*}: the original record's headers
 *   <li>CloudEvents headers whose {@code ce_id} is stable for the same input, so a dead letter
 *       written twice (a retried request, a restart) can be recognised
 * </ul>
 */
public record DeadLetter(
    String origin,
    byte[] key,
    byte[] value,
    Headers originalHeaders,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    String service,
    String reason,
    String error,
    Instant time) {

  public static final String ORIGIN = "palisade.dlt.origin";
  public static final String TOPIC = "palisade.dlt.topic";
  public static final String PARTITION = "palisade.dlt.partition";
  public static final String OFFSET = "palisade.dlt.offset";
  public static final String SERVICE = "palisade.dlt.service";
  public static final String REASON = "palisade.dlt.reason";
  public static final String ERROR = "palisade.dlt.error";
  public static final String ORIGINAL_HEADER_PREFIX = "palisade.dlt.original.";

  /** The value is whatever bytes arrived, not the Avro the topic promises. */
  public static final String CONTENT_TYPE = "application/octet-stream";

  /** Error texts are bounded: a header is not the place for a stack of causes. */
  public static final int MAX_ERROR_LENGTH = 1000;

  public DeadLetter {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(time, "time");
    originalHeaders = originalHeaders == null ? new RecordHeaders() : originalHeaders;
    error = bounded(error == null ? "" : error);
  }

  /** A record read from Kafka that could not be decoded or processed. */
  public static DeadLetter ofRecord(
      ConsumerRecord<byte[], byte[]> record, String service, String reason, Throwable error) {
    return new DeadLetter(
        record.topic() + "/" + record.partition() + "/" + record.offset(),
        record.key(),
        record.value(),
        record.headers(),
        record.topic(),
        record.partition(),
        record.offset(),
        service,
        reason,
        describe(error),
        record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.EPOCH);
  }

  /**
   * A piece of a request (an event of a batch, a line of NDJSON) that was refused while the rest
   * was accepted.
   *
   * @param origin where in the request, e.g. {@code POST /v1/audit items[3]}
   */
  public static DeadLetter ofInput(
      String origin, byte[] raw, String service, String reason, String error, Instant time) {
    return new DeadLetter(origin, null, raw, null, null, -1, -1, service, reason, error, time);
  }

  /** The record to write to the dead-letter topic, for the given cluster's CloudEvents source. */
  public ProducerRecord<byte[], byte[]> toProducerRecord(
      Topic<byte[], byte[]> deadLetterTopic, String cluster) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(deadLetterTopic.name(), null, time.toEpochMilli(), key, value);
    Headers headers = record.headers();
    for (Header header : originalHeaders) {
      headers.add(ORIGINAL_HEADER_PREFIX + header.key(), header.value());
    }
    put(headers, ORIGIN, origin);
    if (sourceTopic != null) {
      put(headers, TOPIC, sourceTopic);
      put(headers, PARTITION, Integer.toString(sourcePartition));
      put(headers, OFFSET, Long.toString(sourceOffset));
    }
    put(headers, SERVICE, service);
    put(headers, REASON, reason);
    put(headers, ERROR, error);
    URI source =
        CloudEvent.sourceOf(service, cluster == null || cluster.isBlank() ? "unknown" : cluster);
    CloudEventHeaders.write(
        headers, new CloudEvent(stableId(), source, deadLetterTopic.eventType(), time, reason));
    put(headers, CloudEventHeaders.CONTENT_TYPE, CONTENT_TYPE);
    return record;
  }

  /** Records from Kafka are named by their position; request input by its origin and bytes. */
  private String stableId() {
    if (sourceTopic != null) {
      return origin;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(origin.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (value != null) {
        sha.update(value);
      }
      return service + "/" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String describe(Throwable error) {
    return error == null ? "" : error.getClass().getName() + ": " + error.getMessage();
  }

  private static String bounded(String text) {
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
