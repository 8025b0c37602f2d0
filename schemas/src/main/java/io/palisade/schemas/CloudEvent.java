package io.palisade.schemas;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CloudEvents 1.0 context attributes Palisade puts on every Kafka record.
 *
 * @param id unique per source: the record's own id
 * @param source the producing service and cluster, e.g. {@code /palisade/audit-ingester/prod-eu}
 * @param type the topic's event type, e.g. {@code io.palisade.audit.v1}
 * @param time the event time
 * @param subject optional: what the event is about, e.g. the record key
 */
public record CloudEvent(String id, URI source, String type, Instant time, String subject) {

  public static final String SPEC_VERSION = "1.0";
  public static final String AVRO_CONTENT_TYPE = "application/avro";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
  }

  /** Source URIs already made: a service publishes for a handful of clusters, millions of times. */
  private static final Map<String, URI> SOURCES = new ConcurrentHashMap<>();

  /** Past this many distinct sources, new ones are made each time instead of remembered. */
  private static final int MAX_REMEMBERED_SOURCES = 1_024;

  /** The source URI of one Palisade service for one cluster. */
  public static URI sourceOf(String service, String cluster) {
    String path = "/palisade/" + service + "/" + cluster;
    URI known = SOURCES.get(path);
    if (known != null) {
      return known;
    }
    URI source = URI.create(path);
    if (SOURCES.size() < MAX_REMEMBERED_SOURCES) {
      SOURCES.putIfAbsent(path, source);
    }
    return source;
  }
}
