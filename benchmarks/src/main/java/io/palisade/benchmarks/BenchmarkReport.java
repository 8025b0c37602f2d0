package io.palisade.benchmarks;

import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.benchmarks.load.CpuMeter.CpuUse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The results as Markdown: a table for the console, and the section of {@code docs/benchmarks.md}
 * between {@value #BEGIN} and {@value #END}, which a run replaces while the text around it (the
 * analysis written by people) stays.
 */
public final class BenchmarkReport {

  static final String BEGIN = "<!-- intake-load:begin -->";
  static final String END = "<!-- intake-load:end -->";

  /** The targets for the audit webhook (and, as it asks, "the same for Falco alerts"). */
  static final double TARGET_EVENTS_PER_SECOND = 50_000;

  static final double TARGET_RATIO = 0.5;

  private BenchmarkReport() {}

  /** One row per intake. */
  public static String table(List<ScenarioResult> scenarios) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| intake | events per request | HTTP clients | raw producer records/s | raw producer MB/s"
            + " | intake events/s | intake requests/s | p50 ms | p99 ms | max ms"
            + " | intake ÷ raw producer | failed requests | accepted = on topic |\n");
    out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (ScenarioResult s : scenarios) {
      out.append(
          format(
              "| `POST %s` | %d | %d | %,.0f | %.1f | **%,.0f** | %,.1f | %.1f | **%.1f** | %.1f"
                  + " | **%.2f** | %d | %s |\n",
              s.intake(),
              s.eventsPerRequest(),
              s.clients(),
              s.baseline().recordsPerSecond(),
              s.baseline().megabytesPerSecond(),
              s.http().eventsPerSecond(),
              s.http().requestsPerSecond(),
              s.http().latency().p50(),
              s.http().latency().p99(),
              s.http().latency().max(),
              s.ratio(),
              s.http().failedRequests(),
              s.recordsOnTopic() == s.http().events()
                  ? format("yes (%,d)", s.recordsOnTopic())
                  : format(
                      "**no**: %,d accepted, %,d on topic",
                      s.http().events(), s.recordsOnTopic())));
    }
    return out.toString();
  }

  /** Where the processors went in the measured phases, by the role of the threads. */
  public static String cpu(List<ScenarioResult> scenarios) {
    List<String> roles =
        List.of(
            CpuMeter.LOAD_GENERATOR,
            CpuMeter.INGESTER,
            CpuMeter.PRODUCER_IO,
            CpuMeter.BROKER,
            CpuMeter.JVM_INTERNAL);
    StringBuilder out = new StringBuilder("| phase | ");
    roles.forEach(role -> out.append(role).append(" | "));
    out.append("this JVM | other processes on the machine | ingester CPU per event |\n|---|");
    out.append("--:|".repeat(roles.size() + 3)).append("\n");
    for (ScenarioResult s : scenarios) {
      cpuRow(out, "`" + s.intake() + "` raw producer", s.baselineCpu(), roles, "—");
      double ingester =
          s.httpCpu().cores(CpuMeter.INGESTER) + s.httpCpu().cores(CpuMeter.PRODUCER_IO);
      cpuRow(
          out,
          "`" + s.intake() + "` over HTTP",
          s.httpCpu(),
          roles,
          format("%.1f µs", ingester / s.http().eventsPerSecond() * 1e6));
    }
    return out.toString();
  }

  private static void cpuRow(
      StringBuilder out, String phase, CpuUse cpu, List<String> roles, String perEvent) {
    out.append("| ").append(phase).append(" | ");
    roles.forEach(role -> out.append(format("%.2f", cpu.cores(role))).append(" | "));
    out.append(format("%.2f", cpu.jvmCores())).append(" | ");
    out.append(cpu.otherCores() < 0 ? "unknown" : format("%.2f", cpu.otherCores()));
    out.append(" | ").append(perEvent).append(" |\n");
  }

  /** The targets against what was measured. */
  public static String targets(List<ScenarioResult> scenarios) {
    StringBuilder out = new StringBuilder("| target | measured | met |\n|---|--:|---|\n");
    for (ScenarioResult s : scenarios) {
      out.append(
          format(
              "| %s: ≥ %,.0f events/s | %,.0f | %s |\n",
              s.intake(),
              TARGET_EVENTS_PER_SECOND,
              s.http().eventsPerSecond(),
              met(s.http().eventsPerSecond() >= TARGET_EVENTS_PER_SECOND)));
      out.append(
          format(
              "| %s: ≥ %.1f × the raw producer's rate | %.2f | %s |\n",
              s.intake(), TARGET_RATIO, s.ratio(), met(s.ratio() >= TARGET_RATIO)));
      out.append(
          format(
              "| %s: the same, per CPU-second of this JVM (discounts other processes) | %.2f | %s |\n",
              s.intake(), s.ratioPerCpuSecond(), met(s.ratioPerCpuSecond() >= TARGET_RATIO)));
      out.append(
          format(
              "| %s: p99 latency per request (%d event%s) reported | %.1f ms | reported |\n",
              s.intake(),
              s.eventsPerRequest(),
              s.eventsPerRequest() == 1 ? "" : "s",
              s.http().latency().p99()));
    }
    return out.toString();
  }

  /** The generated section of {@code docs/benchmarks.md}, markers included. */
  public static String section(BenchmarkResults results, String command) {
    LoadSettings settings = results.settings();
    MachineInfo machine = results.machine();
    String scenarioSettings =
        results.scenarios().stream()
            .map(
                s ->
                    format(
                        "`%s`: %d event%s per request (%,d bytes on average; %,d distinct bodies"
                            + " sent in turn), %d concurrent HTTP/1.1 clients, Kafka records of %,d"
                            + " bytes (key + Avro value) on average",
                        s.intake(),
                        s.eventsPerRequest(),
                        s.eventsPerRequest() == 1 ? "" : "s",
                        s.meanBodyBytes(),
                        s.distinctBodies(),
                        s.clients(),
                        s.meanRecordBytes()))
            .collect(Collectors.joining("; "));
    return BEGIN
        + "\n<!-- Written by `IntakeLoad --write`; a new run replaces everything up to the end"
        + " marker. -->\n\n"
        + "### Latest run\n\n"
        + format("- **Command:** `%s`\n", command)
        + format(
            "- **Date:** %s (UTC), the whole run took %s\n",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneOffset.UTC)
                .format(results.startedAt()),
            human(results.wallTime()))
        + format(
            "- **Machine:** %d processors (`nproc`), %s memory, %s; %s; %s; max heap %s%s\n",
            machine.processors(),
            gib(machine.memoryBytes()),
            machine.cpuModel(),
            machine.os(),
            machine.java(),
            gib(machine.maxHeapBytes()),
            machine.jvmArguments().isEmpty()
                ? ", no JVM options"
                : ", JVM options `" + String.join(" ", machine.jvmArguments()) + "`")
        + format(
            "- **Sharing:** the embedded Kafka broker (KRaft, one node), the ingester (Spring Boot,"
                + " Tomcat) and the load generator (raw producer or HTTP clients) all run in this"
                + " one JVM on these %d processors, so every number here is what is left after"
                + " the others took their share.\n",
            machine.processors())
        + format(
            "- **Kafka:** topics with %d partitions, replication factor 1; producer acks=all,"
                + " idempotent, linger.ms=5, lz4 (the settings of `EvidencePublisher.connect`)%s,"
                + " for the intakes and the raw producer alike\n",
            settings.partitions(),
            settings.producer().isEmpty()
                ? ""
                : settings.producer().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ", " changed by `--producer`: ", "")))
        + "- **Load:** "
        + scenarioSettings
        + "\n"
        + format(
            "- **Phases:** for each intake the raw producer runs first (warm-up %s, then %s"
                + " measured, at most %,d records), then the ingester is started and loaded over"
                + " HTTP (warm-up %s, then %s measured, at most %,d requests per phase)\n\n",
            human(settings.warmup()),
            human(settings.duration()),
            settings.maxBaselineRecords(),
            human(settings.warmup()),
            human(settings.duration()),
            settings.maxRequests())
        + table(results.scenarios())
        + "\n"
        + format(
            "Where the %d processors went in the measured phases, in cores (this JVM's threads"
                + " from their CPU time; the JIT compiler and GC are the JVM's CPU time not spent"
                + " in Java threads; other processes from `/proc/stat`, i.e. whatever else ran on"
                + " the machine at the time). The ingester's CPU per event is its request threads"
                + " plus its producer I/O thread divided by the events/s:\n\n",
            machine.processors())
        + cpu(results.scenarios())
        + "\n"
        + "Latencies are per request (for `/v1/audit` one whole batch): from sending the request"
        + " to the 200, which the intake gives only after Kafka acknowledged every record of it."
        + " The raw producer sends the same serialised records (same keys, Avro values and"
        + " CloudEvents headers, made by the intake's own code) asynchronously, without HTTP,"
        + " JSON or Avro work.\n\n"
        + "Targets of issue 3:\n\n"
        + targets(results.scenarios())
        + "\n"
        + END;
  }

  /** {@code existing} with its generated section replaced (or appended), or a new document. */
  public static String updateDocument(String existing, String section) {
    if (existing == null || existing.isBlank()) {
      return "# Benchmarks\n\n"
          + "Written by the intake load harness (`benchmarks` module, see its README).\n\n"
          + section
          + "\n";
    }
    int begin = existing.indexOf(BEGIN);
    int end = existing.indexOf(END, Math.max(begin, 0));
    if (begin < 0 || end < 0) {
      return existing.stripTrailing() + "\n\n" + section + "\n";
    }
    return existing.substring(0, begin) + section + existing.substring(end + END.length());
  }

  private static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  static String human(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    long s = d.toSeconds();
    return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  private static String gib(long bytes) {
    return bytes < 0 ? "unknown" : format("%.1f GiB", bytes / (double) (1L << 30));
  }

  private static String format(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
