package io.palisade.benchmarks.incidents;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Signals of one cluster, as the detection stage writes them to the signals topic (one cluster =
 * one key = one partition = one correlation task), in event-time order ending about now (so that
 * nothing is resolved for inactivity by the wall clock while the benchmark runs).
 *
 * <p>{@link #mix}: what one busy cluster's correlation task sees:
 *
 * <ul>
 *   <li>10 % INFO activity signals (kept off incidents by the correlate stage);
 *   <li>1 % redeliveries of an earlier signal (same id: must not count twice);
 *   <li>15 % unlinked signals (only a namespace, image or node: kinds that do not link), each
 *       opening an incident of its own;
 *   <li>2 % bridges: the actor of one recent campaign acting on the pod of another, which merges
 *       the two incidents when both are open;
 *   <li>the rest belong to campaigns (an actor and its pod): four in ten start a new campaign, the
 *       others continue one of the 500 most recent, naming its actor, its pod, or both.
 * </ul>
 *
 * <p>{@link #openIncidents}: {@code count} separate incidents of {@code perIncident} signals each,
 * interleaved, no signal linking two of them.
 */
final class SignalWorkload {

  static final String CLUSTER = "bench";

  private static final String[] TACTICS = {
    "TA0001 Initial Access",
    "TA0002 Execution",
    "TA0003 Persistence",
    "TA0004 Privilege Escalation",
    "TA0005 Defense Evasion",
    "TA0006 Credential Access",
    "TA0007 Discovery",
    "TA0008 Lateral Movement"
  };
  private static final String[] TECHNIQUES = {
    "T1609", "T1611", "T1613", "T1552.007", "T1098.006", "T1078.004", "T1610", "T1046"
  };
  private static final int RULES = 25;
  private static final int RECENT_CAMPAIGNS = 500;

  /** Event-time distance between consecutive signals. */
  static final long STEP_MS = 10;

  private SignalWorkload() {}

  /** {@code count} signals of the mix described above, seeded. */
  static List<Signal> mix(int count, long seed) {
    Random random = new Random(seed);
    long base = Instant.now().toEpochMilli() - count * STEP_MS;
    List<Signal> signals = new ArrayList<>(count);
    List<Integer> recent = new ArrayList<>();
    int campaigns = 0;
    for (int i = 0; i < count; i++) {
      Instant at = Instant.ofEpochMilli(base + i * STEP_MS);
      int roll = random.nextInt(100);
      String id = "sig-" + i;
      if (roll < 10) {
        signals.add(signal(id, at, Severity.INFO, random, actor(random.nextInt(5_000)), pod(i)));
      } else if (roll < 11 && !signals.isEmpty()) {
        Signal earlier = signals.get(Math.max(0, signals.size() - 1 - random.nextInt(1_000)));
        signals.add(earlier);
      } else if (roll < 26) {
        signals.add(
            signal(
                id,
                at,
                severity(random),
                random,
                entity(EntityKind.NAMESPACE, "ns-" + random.nextInt(40)),
                entity(EntityKind.IMAGE, "registry.example/app-" + random.nextInt(300) + ":1.0"),
                entity(EntityKind.NODE, "node-" + random.nextInt(50))));
      } else if (roll < 28 && recent.size() > 1) {
        int a = recent.get(random.nextInt(recent.size()));
        int b = recent.get(random.nextInt(recent.size()));
        signals.add(signal(id, at, severity(random), random, actor(a), pod(b)));
      } else {
        int campaign;
        if (recent.isEmpty() || random.nextInt(10) < 4) {
          campaign = campaigns++;
          recent.add(campaign);
          if (recent.size() > RECENT_CAMPAIGNS) {
            recent.remove(0);
          }
        } else {
          campaign = recent.get(random.nextInt(recent.size()));
        }
        int shape = random.nextInt(3);
        if (shape == 0) {
          signals.add(
              signal(
                  id, at, severity(random), random, actor(campaign), pod(campaign), ns(campaign)));
        } else if (shape == 1) {
          signals.add(
              signal(
                  id,
                  at,
                  severity(random),
                  random,
                  pod(campaign),
                  ns(campaign),
                  entity(EntityKind.NODE, "node-" + campaign % 50),
                  entity(EntityKind.CONTAINER, "c" + campaign)));
        } else {
          signals.add(signal(id, at, severity(random), random, actor(campaign), ns(campaign)));
        }
      }
    }
    return signals;
  }

  /**
   * {@code count} incidents of {@code perIncident} signals each: incident j's signals name its own
   * actor and pod (the first both, then alternately one of them), one signal of every incident
   * before the next signal of any, {@value #STEP_MS} ms of event time apart.
   */
  static List<Signal> openIncidents(int count, int perIncident, long seed) {
    Random random = new Random(seed);
    long total = (long) count * perIncident;
    long base = Instant.now().toEpochMilli() - total * STEP_MS;
    List<Signal> signals = new ArrayList<>((int) total);
    long n = 0;
    for (int s = 0; s < perIncident; s++) {
      for (int j = 0; j < count; j++) {
        Instant at = Instant.ofEpochMilli(base + n++ * STEP_MS);
        String id = "open-" + j + "-" + s;
        Severity severity = severity(random);
        if (s == 0) {
          signals.add(signal(id, at, severity, random, actor(j), pod(j), ns(j)));
        } else if (s % 2 == 1) {
          signals.add(signal(id, at, severity, random, actor(j), ns(j)));
        } else {
          signals.add(
              signal(
                  id,
                  at,
                  severity,
                  random,
                  pod(j),
                  ns(j),
                  entity(EntityKind.NODE, "node-" + j % 50),
                  entity(EntityKind.IMAGE, "registry.example/app-" + j % 300 + ":1.0")));
        }
      }
    }
    return signals;
  }

  private static Signal signal(
      String id, Instant at, Severity severity, Random random, Entity... entities) {
    int rule = random.nextInt(RULES);
    EvidenceSource source =
        switch (random.nextInt(10)) {
          case 0 -> EvidenceSource.ADMISSION;
          case 1, 2, 3 -> EvidenceSource.RUNTIME;
          default -> EvidenceSource.AUDIT;
        };
    List<String> techniques = new ArrayList<>();
    for (int t = random.nextInt(3); t > 0; t--) {
      techniques.add(TECHNIQUES[random.nextInt(TECHNIQUES.length)]);
    }
    return Signal.newBuilder()
        .setId(id)
        .setCluster(CLUSTER)
        .setEventTime(at)
        .setIngestTime(at)
        .setRuleId("bench.rule-" + rule)
        .setTitle("Benchmark rule " + rule)
        .setSeverity(severity)
        .setTactic(TACTICS[random.nextInt(TACTICS.length)])
        .setTechniques(techniques)
        .setEntities(List.of(entities))
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(source)
                .setTopic("palisade.audit.v1")
                .setId("evidence-" + id)
                .setSummary("alice create pods/exec shop/web-7d9f (" + id + ")")
                .build())
        .build();
  }

  private static Severity severity(Random random) {
    int r = random.nextInt(100);
    return r < 30
        ? Severity.LOW
        : r < 70 ? Severity.MEDIUM : r < 95 ? Severity.HIGH : Severity.CRITICAL;
  }

  private static Entity actor(int campaign) {
    return campaign % 5 == 0
        ? entity(
            EntityKind.SERVICE_ACCOUNT,
            "system:serviceaccount:ns-" + campaign % 40 + ":sa-" + campaign)
        : entity(EntityKind.ACTOR, "user-" + campaign + "@example.com");
  }

  private static Entity pod(int campaign) {
    return entity(EntityKind.POD, "ns-" + campaign % 40 + "/app-" + campaign + "-7d9f8c6b5-x2k4p");
  }

  private static Entity ns(int campaign) {
    return entity(EntityKind.NAMESPACE, "ns-" + campaign % 40);
  }

  private static Entity entity(EntityKind kind, String name) {
    return Entity.newBuilder().setKind(kind).setName(name).build();
  }
}
