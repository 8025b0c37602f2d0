package io.palisade.benchmarks.workload;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the detection stage sees from a busy cluster's audit log: mostly benign reads (controllers,
 * kubelets and users getting, listing and watching pods, config maps, leases, endpoints, nodes;
 * nine in ten events), and writes and hits drawn from the real events in {@link
 * AuditWorkload#SAMPLES} (RBAC changes, secret reads, pods, anonymous access; one in ten). Every
 * event is an {@code AuditEvent} as the audit-ingester publishes it (normalised, redacted), with
 * its own audit id. Seeded, so every run sees the same events.
 */
public final class DetectionWorkload {

  private static final String[][] READERS = {
    {"system:node:node-1", "system:nodes"},
    {"system:serviceaccount:kube-system:replicaset-controller", "system:serviceaccounts"},
    {"system:kube-controller-manager", "system:authenticated"},
    {"system:kube-scheduler", "system:authenticated"},
    {"system:serviceaccount:monitoring:prometheus", "system:serviceaccounts"},
    {"alice@example.com", "developers"}
  };
  private static final String[] VERBS = {"get", "list", "watch"};
  private static final String[][] RESOURCES = {
    {"pods", ""},
    {"configmaps", ""},
    {"endpoints", ""},
    {"nodes", ""},
    {"services", ""},
    {"leases", "coordination.k8s.io"},
    {"deployments", "apps"},
    {"replicasets", "apps"}
  };

  private DetectionWorkload() {}

  /** {@code count} events: nine in ten benign reads, one in ten from the samples. */
  public static List<AuditEvent> events(int count, long seed) {
    JsonMapper json = JsonMapper.builder().build();
    List<ObjectNode> samples = AuditWorkload.samples(json);
    AuditEventNormalizer normalizer = new AuditEventNormalizer(new AuditRedactor(), json);
    Random random = new Random(seed);
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    List<AuditEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode event =
          random.nextInt(10) == 0
              ? samples.get(random.nextInt(samples.size())).deepCopy()
              : benignRead(json, random);
      event.put("auditID", AuditWorkload.auditId(-1, i));
      events.add(normalizer.normalize(event, "event " + i, "bench", now.plusMillis(i)));
    }
    return events;
  }

  private static ObjectNode benignRead(JsonMapper json, Random random) {
    String[] reader = READERS[random.nextInt(READERS.length)];
    String verb = VERBS[random.nextInt(VERBS.length)];
    String[] resource = RESOURCES[random.nextInt(RESOURCES.length)];
    String namespace = resource[0].equals("nodes") ? null : "team-" + random.nextInt(5);
    ObjectNode event = json.createObjectNode();
    event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata");
    event.put("stage", "ResponseComplete").put("verb", verb);
    event.put(
        "requestURI",
        "/api/v1/"
            + (namespace == null ? "" : "namespaces/" + namespace + "/")
            + resource[0]
            + (verb.equals("watch") ? "?watch=true" : ""));
    ObjectNode user = event.putObject("user");
    user.put("username", reader[0]);
    user.putArray("groups").add(reader[1]).add("system:authenticated");
    event.putArray("sourceIPs").add("10.0.0." + (1 + random.nextInt(200)));
    event.put("userAgent", "kubectl/v1.34.0 (linux/amd64)");
    ObjectNode ref = event.putObject("objectRef");
    ref.put("resource", resource[0]).put("apiVersion", "v1");
    if (!resource[1].isEmpty()) {
      ref.put("apiGroup", resource[1]);
    }
    if (namespace != null) {
      ref.put("namespace", namespace);
    }
    if (verb.equals("get")) {
      ref.put("name", resource[0] + "-" + random.nextInt(50));
    }
    event.putObject("responseStatus").put("code", 200);
    event.put("requestReceivedTimestamp", "2026-11-28T10:00:00.000000Z");
    event.put("stageTimestamp", "2026-11-28T10:00:00.002000Z");
    return event;
  }
}
