package io.palisade.benchmarks.workload;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What one scenario sends, prepared before anything is measured so that the load generator only
 * copies bytes: the HTTP request bodies, and the Kafka records the intake makes of them (the same
 * keys, Avro values and CloudEvents headers), which the raw-producer baseline sends.
 *
 * @param name a short name for reports, e.g. {@code audit}
 * @param path the intake endpoint, e.g. {@code /v1/audit}
 * @param contentType of the request bodies, e.g. {@code application/x-ndjson}
 * @param eventsPerRequest evidence records per request body
 * @param bodies pre-serialised request bodies, sent in turn
 * @param topic the topic the intake publishes to
 * @param records the records of all bodies, in order ({@code bodies.size() * eventsPerRequest})
 * @param tls whether the intake is loaded over HTTPS with bearer-token authentication
 */
public record Workload(
    String name,
    String path,
    String contentType,
    int eventsPerRequest,
    List<byte[]> bodies,
    String topic,
    List<ProducerRecord<byte[], byte[]>> records,
    boolean tls) {

  public Workload {
    bodies = List.copyOf(bodies);
    records = List.copyOf(records);
    if (records.size() != (long) bodies.size() * eventsPerRequest) {
      throw new IllegalArgumentException(
          records.size() + " records for " + bodies.size() + " bodies of " + eventsPerRequest);
    }
  }

  /** Plain HTTP without caller authentication, as all-in-one serves. */
  public Workload(
      String name,
      String path,
      String contentType,
      int eventsPerRequest,
      List<byte[]> bodies,
      String topic,
      List<ProducerRecord<byte[], byte[]>> records) {
    this(name, path, contentType, eventsPerRequest, bodies, topic, records, false);
  }

  /** The same load over HTTPS with bearer-token authentication. */
  public Workload overTls() {
    return new Workload(
        name + "-tls", path, contentType, eventsPerRequest, bodies, topic, records, true);
  }

  /** How reports name the intake: the path, the body format when it is not JSON, and TLS. */
  public String intake() {
    return intakeName(path, contentType, tls);
  }

  public static String intakeName(String path, String contentType, boolean tls) {
    return (contentType.equals(JSON) ? path : path + " (NDJSON)") + (tls ? " (HTTPS + token)" : "");
  }

  public static final String JSON = "application/json";
  public static final String NDJSON = "application/x-ndjson";

  /** Mean request body size in bytes. */
  public long meanBodyBytes() {
    return bodies.stream().mapToLong(body -> body.length).sum() / bodies.size();
  }

  /** Mean record size (key + value) in bytes, without headers. */
  public long meanRecordBytes() {
    return records.stream().mapToLong(Workload::payloadBytes).sum() / records.size();
  }

  static long payloadBytes(ProducerRecord<byte[], byte[]> record) {
    return (record.key() == null ? 0 : record.key().length)
        + (record.value() == null ? 0 : record.value().length);
  }
}
