package io.palisade.benchmarks.incidents;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.SignalSummary;
import io.palisade.benchmarks.workload.AuditWorkload;
import io.palisade.benchmarks.workload.DetectionWorkload;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.correlation.detect.BuiltInRulePack;
import io.palisade.correlation.detect.DetectionSettings;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.correlation.detect.Detections;
import io.palisade.correlation.detect.SigmaAuditDetection;
import io.palisade.correlation.detect.SigmaRules;
import io.palisade.correlation.sigma.SigmaRuleSet;
import io.palisade.schemas.PalisadeTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit events of the latency part: a pool of benign reads that match no rule (from {@link
 * DetectionWorkload}, kept only where the built-in Sigma pack matches nothing and the verb is
 * get/list/watch), and attack steps built from the real events of {@link AuditWorkload#SAMPLES}.
 *
 * <p>Attack steps come in <b>sessions</b>, one per attacker k: (1) {@code attacker-k} does one of
 * the sample attacks (RBAC binding, wildcard cluster role, secret creation, …, in turn); (2) {@code
 * intruder-k} execs into pod {@code …-k}; (3) {@code attacker-k} attaches to the same pod, which
 * links the two incidents and merges them. Every attacker and pod is new, so no step is a repeat of
 * another (repeats within the detection stage's window are held back and aggregated, which would
 * measure the window, not the pipeline).
 *
 * <p>Which samples make incidents is not assumed: {@link #calibrate} runs them through the engine's
 * own detect and correlate topologies in a {@link TopologyTestDriver} and keeps the samples whose
 * two variants (two attackers) each appear in an incident of their own; it also checks that a
 * session appears whole and merges. If the session does not, sessions are single steps.
 */
final class AttackWorkload {

  static final String CLUSTER = "bench";
  private static final String SAMPLE_USER = "minikube-user";

  private final JsonMapper json = JsonMapper.builder().build();
  private final AuditEventNormalizer normalizer =
      new AuditEventNormalizer(new AuditRedactor(), json);
  private final List<ObjectNode> samples = AuditWorkload.samples(json);

  /** Sample lines (0-based) usable as step 1, after calibration. */
  private List<Integer> soloSamples = List.of();

  /** Step-1 samples of a session: those not on a pod (a pod would link steps 1 and 2 early). */
  private List<Integer> firstSteps = List.of();

  private int execSample = -1;
  private int attachSample = -1;
  private boolean sessions;

  /** The built-in rule pack and the Java detections, as the engine runs them. */
  static DetectionTopology detection(PalisadeTopics topics) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    return new DetectionTopology(
        topics,
        Detections.standard(),
        SigmaRules.fixed(
            SigmaRuleSet.load(BuiltInRulePack.read(AttackWorkload.class.getClassLoader())), meters),
        DetectionSettings.defaults(),
        null,
        meters);
  }

  /** {@code count} benign reads that no rule of the built-in pack matches. */
  static List<AuditEvent> benign(int count, long seed) {
    SigmaAuditDetection sigma = SigmaAuditDetection.builtInPack();
    List<AuditEvent> pool = new ArrayList<>(count);
    int batch = count * 2;
    for (AuditEvent event : DetectionWorkload.events(batch, seed)) {
      String verb = event.getVerb();
      if ((verb.equals("get") || verb.equals("list") || verb.equals("watch"))
          && sigma.match(event).isEmpty()) {
        event.setCluster(CLUSTER);
        pool.add(event);
        if (pool.size() == count) {
          break;
        }
      }
    }
    if (pool.size() < count / 2) {
      throw new IllegalStateException("only " + pool.size() + " benign reads match no rule");
    }
    return pool;
  }

  /** Steps per session after calibration: 3, or 1 when the session check failed. */
  int stepsPerSession() {
    return sessions ? 3 : 1;
  }

  List<Integer> soloSamples() {
    return soloSamples;
  }

  /** Attack step {@code step} of session {@code session}, with the given ids and time. */
  AuditEvent attackStep(int session, int step, String id, Instant time) {
    if (step == 0 || !sessions) {
      List<Integer> first = sessions ? firstSteps : soloSamples;
      int sample = first.get(session % first.size());
      return variant(sample, "attacker-" + session, "s" + session, id, time);
    }
    return step == 1
        ? variant(execSample, "intruder-" + session, "s" + session, id, time)
        : variant(attachSample, "attacker-" + session, "s" + session, id, time);
  }

  /**
   * Sample {@code line} done by {@code actor} (in place of the sample's user) on pods renamed with
   * {@code podSuffix}, as the audit-ingester would publish it.
   */
  AuditEvent variant(int line, String actor, String podSuffix, String id, Instant time) {
    ObjectNode event = samples.get(line).deepCopy();
    ObjectNode user = (ObjectNode) event.get("user");
    if (user != null && SAMPLE_USER.equals(user.path("username").stringValue())) {
      user.put("username", actor);
    }
    ObjectNode ref = event.get("objectRef") instanceof ObjectNode o ? o : null;
    if (ref != null && "pods".equals(ref.path("resource").stringValue()) && ref.has("name")) {
      String name = ref.get("name").stringValue();
      String renamed = name + "-" + podSuffix;
      ref.put("name", renamed);
      if (event.has("requestURI")) {
        event.put("requestURI", event.get("requestURI").stringValue().replace(name, renamed));
      }
    }
    // each actor calls from its own address: source IPs link incidents (SOURCE_IP is a default
    // linking kind), and the samples all share one
    int host = Math.floorMod(actor.hashCode(), 250 * 250);
    event.putArray("sourceIPs").add("10.77." + (host / 250) + "." + (host % 250 + 1));
    event.put("auditID", id);
    AuditEvent audit = normalizer.normalize(event, "sample " + line, CLUSTER, time);
    audit.setId(id);
    audit.setEventTime(time);
    audit.setIngestTime(time);
    return audit;
  }

  /** Finds the samples that make incidents and whether a session merges; see the class doc. */
  Calibration calibrate() {
    PalisadeTopics topics = PalisadeTopics.withDefaultNames();
    List<Integer> solo = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    Instant now = Instant.now();
    for (int line = 0; line < samples.size(); line++) {
      if (!SAMPLE_USER.equals(samples.get(line).path("user").path("username").stringValue())) {
        continue;
      }
      try (Driver driver = new Driver(topics)) {
        AuditEvent a = variant(line, "calibration-a", "a", "cal-" + line + "-a", now);
        AuditEvent b = variant(line, "calibration-b", "b", "cal-" + line + "-b", now.plusMillis(1));
        driver.send(a);
        driver.send(b);
        String incidentA = driver.incidentOf(a.getId());
        String incidentB = driver.incidentOf(b.getId());
        if (incidentA != null
            && incidentB != null
            && !incidentA.equals(incidentB)
            && driver.merged == 0) {
          solo.add(line);
        } else {
          refused.add(
              "line "
                  + (line + 1)
                  + " ("
                  + samples.get(line).path("verb").stringValue()
                  + " "
                  + samples.get(line).path("objectRef").path("resource").stringValue()
                  + ")");
        }
      }
    }
    if (solo.isEmpty()) {
      throw new IllegalStateException(
          "no sample attack makes an incident through detect + correlate: " + refused);
    }
    soloSamples = List.copyOf(solo);
    execSample = lineOf("exec");
    attachSample = lineOf("attach");
    firstSteps =
        solo.stream()
            .filter(
                l ->
                    !"pods".equals(samples.get(l).path("objectRef").path("resource").stringValue()))
            .toList();
    sessions = false;
    String sessionCheck;
    if (execSample < 0 || attachSample < 0 || firstSteps.isEmpty()) {
      sessionCheck = "no exec or attach sample, or no attack sample off pods";
    } else {
      sessions = true;
      try (Driver driver = new Driver(topics)) {
        Set<String> ids = new HashSet<>();
        for (int session = 0; session < 2; session++) {
          for (int step = 0; step < 3; step++) {
            String id = "cal-session-" + session + "-" + step;
            driver.send(attackStep(session, step, id, now.plusMillis(session * 3L + step)));
            ids.add(id);
          }
        }
        Set<String> seen = new HashSet<>(driver.firstIncident.keySet());
        seen.retainAll(ids);
        if (seen.size() == ids.size() && driver.merged == 2) {
          sessionCheck = "each step in an incident version, one merge per session";
        } else {
          sessions = false;
          sessionCheck =
              "session not used: "
                  + seen.size()
                  + " of 6 steps in incidents, "
                  + driver.merged
                  + " merges (2 expected)";
        }
      }
    }
    List<Integer> used = sessions ? firstSteps : soloSamples;
    return new Calibration(used.stream().map(l -> l + 1).toList(), refused, sessionCheck);
  }

  /**
   * @param soloLines sample lines (1-based) used as the first (or only) step of a session
   * @param refused samples that do not make an incident of their own per attacker
   * @param sessionCheck what the three-step session check found
   */
  record Calibration(List<Integer> soloLines, List<String> refused, String sessionCheck) {}

  private int lineOf(String subresource) {
    for (int line = 0; line < samples.size(); line++) {
      ObjectNode s = samples.get(line);
      if (SAMPLE_USER.equals(s.path("user").path("username").stringValue())
          && subresource.equals(s.path("objectRef").path("subresource").stringValue())
          && soloSamples.contains(line)) {
        return line;
      }
    }
    return -1;
  }

  /** Detect + correlate in one TopologyTestDriver, remembering where evidence first appeared. */
  private static final class Driver implements AutoCloseable {

    private final Path state;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, AuditEvent> audit;
    private final TestOutputTopic<String, Incident> incidents;
    final Map<String, String> firstIncident = new HashMap<>();
    int merged;

    Driver(PalisadeTopics topics) {
      StreamsBuilder builder = new StreamsBuilder();
      DetectionTopology.build(builder, detection(topics));
      IncidentTopology.build(builder, topics, CorrelationSettings.defaults());
      try {
        state = Files.createTempDirectory("palisade-bench-calibration-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Properties p = new Properties();
      p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-calibration");
      p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never contacted
      p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
      driver = new TopologyTestDriver(builder.build(), p, Instant.now());
      audit =
          driver.createInputTopic(
              topics.audit().name(),
              topics.audit().keySerde().serializer(),
              topics.audit().valueSerde().serializer());
      incidents =
          driver.createOutputTopic(
              topics.incidents().name(),
              topics.incidents().keySerde().deserializer(),
              topics.incidents().valueSerde().deserializer());
    }

    void send(AuditEvent event) {
      audit.pipeInput(AuditEvidence.keyOf(event), event, event.getEventTime());
      for (TestRecord<String, Incident> record : incidents.readRecordsToList()) {
        Incident incident = record.value();
        if (incident.getStatus() == IncidentStatus.MERGED) {
          merged++;
        }
        for (SignalSummary signal : incident.getSignals()) {
          firstIncident.putIfAbsent(signal.getEvidence().getId(), incident.getId());
        }
      }
    }

    /** The incident the evidence ended up in (following merges), or null. */
    String incidentOf(String evidenceId) {
      return firstIncident.get(evidenceId);
    }

    @Override
    public void close() {
      driver.close();
      StreamsApp.deleteRecursively(state);
    }
  }

  static String keyOf(AuditEvent event) {
    return AuditEvidence.keyOf(event);
  }
}
