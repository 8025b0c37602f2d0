package io.palisade.schemas;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Writes and reads the CloudEvents Kafka protocol binding headers in binary content mode: {@code
 * ce_specversion}, {@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time}, {@code
 * ce_subject} and {@code content-type}. Subscribers can route on them without decoding the value.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String TIME = "ce_time";
  public static final String SUBJECT = "ce_subject";
  public static final String CONTENT_TYPE = "content-type";

  private CloudEventHeaders() {}

  /** Replaces any CloudEvents headers on {@code headers} with those of {@code event}. */
  public static void write(Headers headers, CloudEvent event) {
    boolean replace = headers.iterator().hasNext(); // a new record has nothing to replace
    put(headers, SPEC_VERSION, utf8(CloudEvent.SPEC_VERSION), replace);
    put(headers, ID, utf8(event.id()), replace);
    put(headers, SOURCE, utf8(event.source().toString()), replace);
    put(headers, TYPE, utf8(event.type()), replace);
    put(headers, TIME, utf8(InstantText.format(event.time())), replace);
    put(headers, CONTENT_TYPE, utf8(CloudEvent.AVRO_CONTENT_TYPE), replace);
    if (event.subject() != null) {
      put(headers, SUBJECT, utf8(event.subject()), replace);
    } else if (replace) {
      headers.remove(SUBJECT);
    }
  }

  /**
   * The CloudEvent described by the headers, or empty when the record carries no (or incomplete, or
   * malformed) CloudEvents headers.
   */
  public static Optional<CloudEvent> read(Headers headers) {
    String version = get(headers, SPEC_VERSION);
    String id = get(headers, ID);
    String source = get(headers, SOURCE);
    String type = get(headers, TYPE);
    String time = get(headers, TIME);
    if (!CloudEvent.SPEC_VERSION.equals(version) || id == null || source == null || type == null) {
      return Optional.empty();
    }
    try {
      Instant instant = time == null ? Instant.EPOCH : Instant.parse(time);
      return Optional.of(
          new CloudEvent(id, URI.create(source), type, instant, get(headers, SUBJECT)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A producer record for {@code topic} carrying the CloudEvents headers of {@code event}. */
  public static <K, V> ProducerRecord<K, V> record(
      Topic<K, V> topic, K key, V value, CloudEvent event) {
    ProducerRecord<K, V> record = new ProducerRecord<>(topic.name(), key, value);
    write(record.headers(), event);
    return record;
  }

  private static void put(Headers headers, String name, byte[] value, boolean replace) {
    if (replace) {
      headers.remove(name);
    }
    headers.add(name, value);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
