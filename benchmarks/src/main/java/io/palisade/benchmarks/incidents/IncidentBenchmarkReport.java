package io.palisade.benchmarks.incidents;

import io.palisade.benchmarks.MachineInfo;
import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.correlation.correlate.CorrelationSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown section {@link IncidentBenchmark} writes between its own markers. */
final class IncidentBenchmarkReport {

  static final String BEGIN = "<!-- incident-benchmark:begin -->";
  static final String END = "<!-- incident-benchmark:end -->";

  /** Issue 6's target for the end-to-end p99 at 5,000 events/s. */
  static final double TARGET_P99_MS = 1_000;

  /** Other processes busier than this in a phase mark the run as taken under load. */
  static final double LOADED_OTHER_CORES = 0.2;

  private IncidentBenchmarkReport() {}

  /**
   * Everything one run measured.
   *
   * @param throughput part 1, or null if not run
   * @param latency part 2, or null
   * @param stores part 3 (one result per configuration), empty if not run
   */
  record Run(
      String command,
      Instant started,
      Duration took,
      MachineInfo machine,
      String loadBefore,
      String loadAfter,
      CorrelationThroughput.Result throughput,
      EndToEndLatency.Result latency,
      List<StoreSize.Result> stores) {}

  static String section(Run run) {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append("<!-- Written by `IncidentBenchmark --write`; a new run replaces everything up to")
        .append(" the end marker. -->\n\n");
    md.append(
        "### Incidents: correlation throughput, end-to-end latency, store size (latest run)\n\n");
    if (underLoad(run)) {
      md.append(
          "> **Taken under load from concurrent builds:** other processes kept up to "
              + f("%.2f", maxOther(run))
              + " of the "
              + run.machine().processors()
              + " cores busy during the measured phases (load average "
              + run.loadBefore()
              + " at the start). Re-run on a quiet machine for the reference numbers.\n\n");
    }
    CorrelationSettings settings = CorrelationSettings.defaults();
    MachineInfo m = run.machine();
    md.append("- **Command:** `").append(run.command()).append("`\n");
    md.append("- **Date:** ")
        .append(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .format(run.started().atOffset(ZoneOffset.UTC)))
        .append(" (UTC), the whole run took ")
        .append(human(run.took()))
        .append('\n');
    md.append("- **Machine:** ")
        .append(m.processors())
        .append(" processors, ")
        .append(
            m.memoryBytes() < 0 ? "unknown" : f("%.1f GiB", m.memoryBytes() / (double) (1L << 30)))
        .append(" memory, ")
        .append(m.cpuModel())
        .append("; ")
        .append(m.os())
        .append("; ")
        .append(m.java())
        .append("; max heap ")
        .append(f("%.1f GiB", m.maxHeapBytes() / (double) (1L << 30)))
        .append(
            m.jvmArguments().isEmpty() ? ", no JVM options" : ", JVM options " + m.jvmArguments())
        .append('\n');
    md.append("- **Machine load:** load average (1/5/15 min) ")
        .append(run.loadBefore())
        .append(" when the run began, ")
        .append(run.loadAfter())
        .append(" when it ended\n");
    md.append(
        "- **Engine settings (as `correlation-engine.yml`):** `processing.guarantee=exactly_once_v2`,"
            + " `commit.interval.ms="
            + StreamsApp.COMMIT_INTERVAL_MS
            + "`, one stream thread per application, internal topics at the broker's replication"
            + " factor (1); correlation `CorrelationSettings.defaults()`: window "
            + settings.window().toMinutes()
            + " min, linking kinds "
            + settings.linkingKinds().stream()
                .map(Enum::name)
                .sorted()
                .collect(Collectors.joining(", "))
            + ", timeline limit "
            + settings.timelineLimit()
            + " signals, retention "
            + settings.retention().toHours()
            + " h\n");
    md.append(
        "- **Sharing:** the embedded Kafka broker (KRaft, one node), the Kafka Streams"
            + " applications and the load generator all run in this one JVM on these processors.\n\n");
    if (run.throughput() != null) {
      throughput(md, run.throughput());
    }
    if (run.latency() != null) {
      latency(md, run.latency());
    }
    if (!run.stores().isEmpty()) {
      stores(md, run.stores());
    }
    md.append(END);
    return md.toString();
  }

  private static void throughput(StringBuilder md, CorrelationThroughput.Result t) {
    md.append("#### Signals per second through one correlation task\n\n");
    md.append(
        f(
            "%,d signals of one cluster (one key) in a signals topic of **1 partition** (= one task),"
                + " %.0f bytes of Avro each on average, event times 10 ms apart ending now: 10 %%"
                + " INFO (ignored by correlation), 1 %% redeliveries of an earlier signal, 15 %%"
                + " unlinked (only namespace/image/node), 2 %% bridges between two recent"
                + " campaigns (merges), the rest actor/pod campaigns (4 in 10 new, the others"
                + " continuing one of the 500 latest). Each app starts on the filled topic; its"
                + " rate is signals ÷ (time from RUNNING to the last offset committed).\n\n",
            t.signals(), t.signalBytes()));
    md.append(
        "| what consumes the topic | records/s | ÷ plain consumer | ÷ pass-through | this JVM, cores | other processes, cores |\n");
    md.append("|---|--:|--:|--:|--:|--:|\n");
    row(
        md,
        "plain `KafkaConsumer` (read_committed, Avro decoding), the baseline",
        t.consumerPerSecond(),
        t,
        t.cpu().get("plain consumer"));
    row(
        md,
        "pass-through Kafka Streams app (same settings, decode + encode + write to another topic)",
        t.passThroughPerSecond(),
        t,
        t.cpu().get("pass-through"));
    row(
        md,
        "**correlate** (`IncidentTopology.build`, RocksDB stores, exactly-once)",
        t.correlatePerSecond(),
        t,
        t.cpu().get("correlate"));
    md.append('\n');
    md.append(
        f(
            "The correlate app wrote %,d incident versions for these signals. CPU time of the"
                + " app's stream thread (the thread that runs the topology: decoding, the processor,"
                + " its RocksDB stores, encoding, handing records to the producer) per signal:"
                + " pass-through %.1f µs, **correlate %.1f µs**, i.e. **%,.0f signals per"
                + " CPU-second** of one stream thread; the correlation's own share is about %.1f µs"
                + " per signal.\n\n",
            t.incidentVersions(),
            t.passThroughCpuMicros(),
            t.correlateCpuMicros(),
            1e6 / t.correlateCpuMicros(),
            t.correlateCpuMicros() - t.passThroughCpuMicros()));
  }

  private static void row(
      StringBuilder md,
      String what,
      double rate,
      CorrelationThroughput.Result t,
      CpuMeter.CpuUse cpu) {
    md.append("| ")
        .append(what)
        .append(" | ")
        .append(f("%,.0f", rate))
        .append(" | ")
        .append(f("%.2f", rate / t.consumerPerSecond()))
        .append(" | ")
        .append(f("%.2f", rate / t.passThroughPerSecond()))
        .append(" | ")
        .append(cpu == null ? "" : f("%.2f", cpu.jvmCores()))
        .append(" | ")
        .append(cpu == null || cpu.otherCores() < 0 ? "" : f("%.2f", cpu.otherCores()))
        .append(" |\n");
  }

  private static void latency(StringBuilder md, EndToEndLatency.Result l) {
    md.append("#### End-to-end latency: audit event in, incident version out\n\n");
    md.append(
        f(
            "The detect app (Java detections + the built-in Sigma pack) and the correlate app on the"
                + " broker, topics of %s; a producer with the intakes' settings (acks=all,"
                + " idempotent, linger 5 ms, lz4) writes audit events to `palisade.audit.v1`"
                + " **open loop at %,d/s**: benign get/list/watch reads that match no rule, and one"
                + " in %d an attack step. Attack steps come in sessions of %d per attacker"
                + " (%s): sample attacks (lines %s of the workload's audit samples, in turn) by"
                + " a new attacker each time%s. Latency: from the step's **intended** send time to"
                + " the first incident version whose timeline holds its audit event's id, read by a"
                + " read_committed consumer of `palisade.incidents.v1`.\n\n",
            l.partitions() + (l.partitions() == 1 ? " partition" : " partitions"),
            l.rate(),
            l.attackSteps() == 0 ? 0 : l.measuredEvents() / Math.max(1, l.attackSteps()),
            l.stepsPerSession(),
            l.calibration().sessionCheck(),
            l.calibration().soloLines(),
            l.stepsPerSession() == 3
                ? f(
                    ", then (%.0f s later) another new user execs into a new pod and (%.0f s later"
                        + " again) the attacker attaches to it, which merges the two incidents;"
                        + " sessions overlap",
                    EndToEndLatency.SESSION_SPACING_SECONDS,
                    EndToEndLatency.SESSION_SPACING_SECONDS)
                : ""));
    md.append(
        "| rate asked | sent (acknowledged) | attack steps measured | in an incident | p50 ms | p90 ms | **p99 ms** | max ms | mean ms | producer behind schedule, max ms | this JVM, cores | other processes, cores |\n");
    md.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    md.append(
        f(
            "| %,d/s | %,.0f/s | %,d | %,d | %.0f | %.0f | **%.0f** | %.0f | %.0f | %.1f | %.2f | %s |\n\n",
            l.rate(),
            l.sentPerSecond(),
            l.attackSteps(),
            l.seen(),
            l.p50Ms(),
            l.p90Ms(),
            l.p99Ms(),
            l.maxMs(),
            l.meanMs(),
            l.maxSendLagMs(),
            l.cpu().jvmCores(),
            l.cpu().otherCores() < 0 ? "" : f("%.2f", l.cpu().otherCores())));
    md.append(
        f(
            "Over the whole run the detect app wrote %,d signals and the correlate app %,d incident"
                + " versions (%,d of them MERGED). Each signal crosses up to three exactly-once"
                + " commits (detect, the Sigma repartition topic inside detect, correlate), each"
                + " made visible to read_committed readers only at the %d ms commit: that sets"
                + " the floor of these latencies.\n\n",
            l.signals(), l.incidentVersions(), l.mergedVersions(), StreamsApp.COMMIT_INTERVAL_MS));
    boolean met = l.seen() == l.attackSteps() && l.p99Ms() <= TARGET_P99_MS;
    md.append(
        f(
            "**Target** (p99 ≤ 1 s at 5,000 events/s): %s, p99 %.0f ms%s\n\n",
            met ? "met" : "**not met**",
            l.p99Ms(),
            l.seen() == l.attackSteps()
                ? ""
                : f(" (%,d attack steps never appeared)", l.attackSteps() - l.seen())));
  }

  private static void stores(StringBuilder md, List<StoreSize.Result> results) {
    md.append("#### Store size per 1,000 open incidents\n\n");
    md.append(
        "The correlate app consumes signals that open separate incidents (each incident's signals"
            + " name its own actor and pod; no signal links two incidents), then per store: the live"
            + " data of its changelog (last value per key: what a restore brings back), the"
            + " changelog's bytes on the broker (every version, before compaction) and, after a"
            + " clean close, its RocksDB directory (all files; SST files in brackets). Per 1,000"
            + " open incidents.\n\n");
    md.append(
        "| incidents × signals each | open | store | live entries | live bytes / 1,000 incidents | changelog bytes / 1,000 | RocksDB bytes / 1,000 (SST) |\n");
    md.append("|---|--:|---|--:|--:|--:|--:|\n");
    for (StoreSize.Result r : results) {
      String config =
          f("%,d × %d", r.incidents(), r.signalsPerIncident())
              + (r.signalsPerIncident() > r.timelineLimit()
                  ? f(" (timeline full: limit %d)", r.timelineLimit())
                  : "");
      for (StoreSize.StoreBytes s : r.stores()) {
        md.append(
            f(
                "| %s | %,d | `%s` | %,d | %s | %s | %s (%s) |\n",
                config,
                r.openIncidents(),
                s.store(),
                s.liveEntries(),
                bytes(r.per1000(s.liveBytes())),
                bytes(r.per1000(s.changelogBytes())),
                bytes(r.per1000(s.rocksDbBytes())),
                bytes(r.per1000(s.sstBytes()))));
      }
      md.append(
          f(
              "| %s | %,d | **all stores** | %,d | **%s** | %s | %s (%s) |\n",
              config,
              r.openIncidents(),
              r.total(StoreSize.StoreBytes::liveEntries),
              bytes(r.per1000(r.total(StoreSize.StoreBytes::liveBytes))),
              bytes(r.per1000(r.total(StoreSize.StoreBytes::changelogBytes))),
              bytes(r.per1000(r.total(StoreSize.StoreBytes::rocksDbBytes))),
              bytes(r.per1000(r.total(StoreSize.StoreBytes::sstBytes)))));
    }
    md.append('\n');
    for (StoreSize.Result r : results) {
      md.append(
          f(
              "- %,d × %d: the latest incident record (Avro, on the incidents topic) is %,.0f bytes"
                  + " on average.\n",
              r.incidents(), r.signalsPerIncident(), r.incidentRecordBytes()));
    }
    md.append('\n');
  }

  static boolean underLoad(Run run) {
    return maxOther(run) > LOADED_OTHER_CORES;
  }

  private static double maxOther(Run run) {
    double max = 0;
    if (run.throughput() != null) {
      for (CpuMeter.CpuUse use : run.throughput().cpu().values()) {
        max = Math.max(max, use.otherCores());
      }
    }
    if (run.latency() != null) {
      max = Math.max(max, run.latency().cpu().otherCores());
    }
    return max;
  }

  /** {@code existing} with the incident section replaced (or appended), or a new document. */
  static String updateDocument(String existing, String section) {
    if (existing == null || existing.isBlank()) {
      return "# Benchmarks\n\n" + section + "\n";
    }
    int begin = existing.indexOf(BEGIN);
    int end = existing.indexOf(END, Math.max(begin, 0));
    if (begin < 0 || end < 0) {
      return existing.stripTrailing() + "\n\n" + section + "\n";
    }
    return existing.substring(0, begin) + section + existing.substring(end + END.length());
  }

  static String bytes(double b) {
    if (b >= 1 << 20) {
      return f("%.1f MiB", b / (1 << 20));
    }
    if (b >= 1 << 10) {
      return f("%.0f KiB", b / (1 << 10));
    }
    return f("%.0f B", b);
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
