package io.palisade.benchmarks.workload;

import io.palisade.audit.filter.DefaultFilters;
import io.palisade.audit.filter.NoiseFilter;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.ShippedRecordMapper;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.audit.redact.RedactionCounter;
import io.palisade.audit.webhook.AuditIntake;
import io.palisade.audit.webhook.EventListReader;
import io.palisade.audit.webhook.NdjsonReader;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.json.IntakeJson;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
    CapturingPublisher capture = new CapturingPublisher();
    AuditPipeline pipeline = new AuditPipeline(capture.publisher());
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(bodies * batchSize);
    for (byte[] body : requestBodies) {
      pipeline.accept(body, cluster);
      records.addAll(capture.records());
      capture.clear();
    }
    return new Workload(
        "audit", PATH, Workload.JSON, batchSize, requestBodies, pipeline.topic().name(), records);
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
   * The audit-ingester's own {@link AuditIntake}, wired as the service wires it (the intake's JSON
   * limits, the default noise filters, no extra redaction paths), publishing through an {@link
   * EvidencePublisher} of the caller's choice: everything the webhook does with a body except HTTP.
   */
  public static final class AuditPipeline {

    private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
    private final AuditIntake intake;

    public AuditPipeline(EvidencePublisher publisher) {
      JsonMapper json = IntakeJson.mapper(IntakeEndpointProperties.Limits.defaults());
      int maxEvents = IntakeEndpointProperties.Limits.defaults().maxEvents();
      AuditRedactor redactor = new AuditRedactor(List.of(), RedactionCounter.NONE, json);
      intake =
          new AuditIntake(
              new EventListReader(json, maxEvents),
              new NdjsonReader(json, new ShippedRecordMapper(json), maxEvents),
              new AuditEventNormalizer(redactor, json),
              redactor,
              new NoiseFilter(DefaultFilters.named(DefaultFilters.names())),
              publisher,
              topics,
              json,
              Clock.systemUTC());
    }

    public Topic<String, AuditEvent> topic() {
      return topics.audit();
    }

    /** Reads, normalises and publishes one {@code EventList} body; returns the events accepted. */
    public int accept(byte[] body, String cluster) {
      return intake
          .accept(body, AuditIntake.BodyFormat.EVENT_LIST, cluster, "benchmark")
          .accepted();
    }
  }
}
