package io.palisade.benchmarks.workload;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.Evidence;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Audit webhook load: {@code EventList} batches of the real events in {@value #SAMPLES}, mixed at
 * random (seeded, so every run sends the same bytes), each event with its own {@code auditID} so
 * that record ids differ. The baseline records are made from the same bodies by the
 * audit-ingester's own normaliser, key rule and publisher (see {@link AuditPipeline}).
 */
public final class AuditWorkload {

  public static final String SAMPLES = "/workload/audit/events.jsonl";
  public static final String PATH = "/v1/audit";

  private AuditWorkload() {}

  /**
   * @param batchSize events per request
   * @param bodies distinct request bodies
   * @param cluster the cluster the ingester publishes for (its {@code palisade.cluster})
   */
  public static Workload build(int batchSize, int bodies, String cluster, long seed) {
    List<byte[]> requestBodies = bodies(batchSize, bodies, seed);
    AuditPipeline pipeline = new AuditPipeline();
    CapturingPublisher capture = new CapturingPublisher();
    Instant ingestTime = Instant.now();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(bodies * batchSize);
    for (byte[] body : requestBodies) {
      capture
          .publisher()
          .publishAll(pipeline.topic(), pipeline.evidence(body, cluster, ingestTime));
      records.addAll(capture.records());
      capture.clear();
    }
    return new Workload("audit", PATH, batchSize, requestBodies, pipeline.topic().name(), records);
  }

  /** {@code count} {@code EventList} bodies of {@code batchSize} events each. */
  public static List<byte[]> bodies(int batchSize, int count, long seed) {
    JsonMapper json = JsonMapper.builder().build();
    List<ObjectNode> samples = samples(json);
    Random random = new Random(seed);
    List<byte[]> bodies = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      bodies.add(eventList(json, samples, batchSize, b, random));
    }
    return bodies;
  }

  /** The sample events, one per line of {@value #SAMPLES}. */
  public static List<ObjectNode> samples(JsonMapper json) {
    List<ObjectNode> samples = new ArrayList<>();
    for (String line : SampleFiles.lines(SAMPLES)) {
      JsonNode event = json.readTree(line);
      if (!(event instanceof ObjectNode object)) {
        throw new IllegalStateException(SAMPLES + ": not an audit event: " + line);
      }
      samples.add(object);
    }
    return samples;
  }

  /** One {@code audit.k8s.io/v1} {@code EventList} of {@code size} events drawn from samples. */
  static byte[] eventList(
      JsonMapper json, List<ObjectNode> samples, int size, int batch, Random random) {
    ObjectNode list = json.createObjectNode();
    list.put("kind", "EventList");
    list.put("apiVersion", "audit.k8s.io/v1");
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (int i = 0; i < size; i++) {
      ObjectNode event = samples.get(random.nextInt(samples.size())).deepCopy();
      event.put("auditID", auditId(batch, i));
      items.add(event);
    }
    return json.writeValueAsBytes(list);
  }

  static String auditId(int batch, int index) {
    return UUID.nameUUIDFromBytes(
            ("palisade-benchmark/" + batch + "/" + index).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * What the audit webhook does with an {@code EventList} body before it is handed to Kafka, built
   * from the audit-ingester's public classes only (its normaliser, redactor and key rule), so that
   * the benchmarks keep compiling while the intake's wiring changes: parse to a tree, normalise
   * (and redact) every item, key it and wrap it with its CloudEvent.
   */
  public static final class AuditPipeline {

    private final JsonMapper json = JsonMapper.builder().build();
    private final AuditEventNormalizer normalizer =
        new AuditEventNormalizer(new AuditRedactor(), json);
    private final Topic<String, AuditEvent> topic = PalisadeTopics.withDefaultNames().audit();

    public Topic<String, AuditEvent> topic() {
      return topic;
    }

    /** The items of an {@code EventList} body, as the webhook's reader parses them. */
    public List<JsonNode> parse(byte[] body) {
      JsonNode items = json.readTree(body).get("items");
      List<JsonNode> events = new ArrayList<>(items.size());
      items.forEach(events::add);
      return events;
    }

    public AuditEvent normalize(JsonNode event, int index, String cluster, Instant ingestTime) {
      return normalizer.normalize(event, "items[" + index + "]", cluster, ingestTime);
    }

    /** The body's events as the intake publishes them. */
    public List<Evidence<AuditEvent>> evidence(byte[] body, String cluster, Instant ingestTime) {
      List<JsonNode> events = parse(body);
      List<Evidence<AuditEvent>> batch = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        batch.add(
            AuditEvidence.of(normalize(events.get(i), i, cluster, ingestTime), topic.eventType()));
      }
      return batch;
    }
  }
}
