package io.palisade.benchmarks.workload;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.Evidence;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.runtime.falco.FalcoAlertReader;
import io.palisade.runtime.falco.RuntimeEvidence;
import io.palisade.runtime.http.FalcoIntake;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Falco {@code http_output} load: one alert per request, the real alerts in {@value #SAMPLES} in
 * turn, the i-th copy shifted by i milliseconds (its {@code time} and {@code
 * output_fields["evt.time"]}) so that every alert has its own id. The baseline records are made
 * from the same bodies by the runtime-ingester's own reader, normaliser, key rule and publisher
 * (see {@link FalcoPipeline}).
 */
public final class FalcoWorkload {

  public static final String SAMPLES = "/workload/falco/alerts.jsonl";
  public static final String PATH = "/v1/falco";

  private FalcoWorkload() {}

  /**
   * @param alerts distinct request bodies (one alert each)
   * @param cluster the cluster the ingester publishes for (its {@code palisade.cluster})
   */
  public static Workload build(int alerts, String cluster) {
    List<byte[]> bodies = bodies(alerts);
    FalcoPipeline pipeline = new FalcoPipeline();
    CapturingPublisher capture = new CapturingPublisher();
    Instant ingestTime = Instant.now();
    for (byte[] body : bodies) {
      capture
          .publisher()
          .publishAll(pipeline.topic(), List.of(pipeline.evidence(body, cluster, ingestTime)));
    }
    return new Workload(
        "falco", PATH, Workload.JSON, 1, bodies, pipeline.topic().name(), capture.records());
  }

  /**
   * NDJSON load, as log shippers (Fluent Bit, Vector) forward Falco's {@code json_output}: {@code
   * bodies} requests of {@code batchSize} alerts each, one per line, every alert distinct. The
   * records are what the runtime-ingester's own {@code FalcoIntake} makes of each body.
   */
  public static Workload ndjson(int batchSize, int bodies, String cluster) {
    List<byte[]> alerts = bodies(batchSize * bodies);
    CapturingPublisher capture = new CapturingPublisher();
    FalcoIntake intake =
        new FalcoIntake(
            new FalcoAlertReader(),
            new FalcoAlertNormalizer(),
            capture.publisher(),
            PalisadeTopics.withDefaultNames().runtime(),
            PalisadeTopics.withDefaultNames().deadLetter(),
            cluster,
            Clock.systemUTC());
    List<byte[]> requestBodies = new ArrayList<>(bodies);
    for (int b = 0; b < bodies; b++) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (byte[] alert : alerts.subList(b * batchSize, (b + 1) * batchSize)) {
        body.writeBytes(alert);
        body.write('\n');
      }
      requestBodies.add(body.toByteArray());
      intake.acceptLines(body.toByteArray());
    }
    return new Workload(
        "falco-ndjson",
        PATH,
        Workload.NDJSON,
        batchSize,
        requestBodies,
        PalisadeTopics.withDefaultNames().runtime().name(),
        capture.records());
  }

  /** {@code alerts} request bodies: the samples in turn, the i-th shifted by i ms. */
  public static List<byte[]> bodies(int alerts) {
    JsonMapper json = JsonMapper.builder().build();
    List<ObjectNode> samples = samples(json);
    List<byte[]> bodies = new ArrayList<>(alerts);
    for (int i = 0; i < alerts; i++) {
      bodies.add(alert(json, samples.get(i % samples.size()), i));
    }
    return bodies;
  }

  /** The sample alerts, one per line of {@value #SAMPLES}. */
  public static List<ObjectNode> samples(JsonMapper json) {
    List<ObjectNode> samples = new ArrayList<>();
    for (String line : SampleFiles.lines(SAMPLES)) {
      JsonNode alert = json.readTree(line);
      if (!(alert instanceof ObjectNode object)) {
        throw new IllegalStateException(SAMPLES + ": not a Falco alert: " + line);
      }
      samples.add(object);
    }
    return samples;
  }

  /** The sample, {@code shiftMillis} later. */
  static byte[] alert(JsonMapper json, ObjectNode sample, long shiftMillis) {
    ObjectNode alert = sample.deepCopy();
    Instant time = Instant.parse(alert.get("time").asString()).plusMillis(shiftMillis);
    alert.put("time", time.toString());
    if (alert.get("output_fields") instanceof ObjectNode fields && fields.has("evt.time")) {
      fields.put("evt.time", time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
    return json.writeValueAsBytes(alert);
  }

  /**
   * What the Falco endpoint does with one alert before it is handed to Kafka, built from the
   * runtime-ingester's public classes only, so that the benchmarks keep compiling while the
   * intake's wiring changes.
   */
  public static final class FalcoPipeline {

    private final FalcoAlertReader reader = new FalcoAlertReader();
    private final FalcoAlertNormalizer normalizer = new FalcoAlertNormalizer();
    private final Topic<String, RuntimeAlert> topic = PalisadeTopics.withDefaultNames().runtime();

    public Topic<String, RuntimeAlert> topic() {
      return topic;
    }

    public RuntimeAlert normalize(byte[] body, String cluster, Instant ingestTime) {
      return normalizer.normalize(reader.read(body), cluster, ingestTime);
    }

    public Evidence<RuntimeAlert> evidence(byte[] body, String cluster, Instant ingestTime) {
      return RuntimeEvidence.of(normalize(body, cluster, ingestTime), topic.eventType());
    }
  }
}
