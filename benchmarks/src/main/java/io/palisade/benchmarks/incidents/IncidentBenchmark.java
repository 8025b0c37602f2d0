package io.palisade.benchmarks.incidents;

import io.palisade.benchmarks.MachineInfo;
import io.palisade.correlation.correlate.CorrelationSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6's benchmark of the incident stage, in one JVM (about 4 minutes with the defaults):
 *
 * <ol>
 *   <li>signals/s one correlation task sustains ({@link CorrelationThroughput}), against a plain
 *       consumer and a pass-through Streams app on the same topic, and in process;
 *   <li>end-to-end latency from an audit event entering {@code palisade.audit.v1} to its incident
 *       version on {@code palisade.incidents.v1} at 5,000 events/s ({@link EndToEndLatency});
 *   <li>store size per 1,000 open incidents ({@link StoreSize}).
 * </ol>
 *
 * Prints a Markdown section and, with {@code --write=FILE}, replaces the section between {@value
 * IncidentBenchmarkReport#BEGIN} and {@value IncidentBenchmarkReport#END} in FILE.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.incidents.IncidentBenchmark --write=docs/benchmarks.md
 * </pre>
 */
public final class IncidentBenchmark {

  private IncidentBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int exit = run(args, System.out, System.err);
    // Kafka's and RocksDB's threads need not be waited for
    System.exit(exit);
  }

  /**
   * Runs the parts the options ask for, prints the section to {@code results} and returns the exit
   * code: 0, 1 if an attack step never reached an incident, 2 for bad options.
   */
  static int run(String[] args, PrintStream results, PrintStream progress)
      throws IOException, InterruptedException {
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      results.print(IncidentBenchmarkSettings.USAGE);
      return 0;
    }
    IncidentBenchmarkSettings settings;
    try {
      settings = IncidentBenchmarkSettings.parse(args);
    } catch (IllegalArgumentException e) {
      progress.println(e.getMessage());
      return 2;
    }
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String loadBefore = loadAverage();
    CorrelationThroughput.Result throughput = null;
    EndToEndLatency.Result latency = null;
    List<StoreSize.Result> stores = new ArrayList<>();
    if (settings.runs(IncidentBenchmarkSettings.Part.THROUGHPUT)) {
      throughput = new CorrelationThroughput(settings.signals(), progress).run();
    }
    if (settings.runs(IncidentBenchmarkSettings.Part.LATENCY)) {
      latency = new EndToEndLatency(settings, progress).run();
    }
    if (settings.runs(IncidentBenchmarkSettings.Part.STORE)) {
      StoreSize store = new StoreSize(progress);
      stores.add(store.run(settings.openIncidents(), settings.signalsPerIncident()));
      int full = CorrelationSettings.defaults().timelineLimit() + 10;
      stores.add(store.run(settings.fullTimelineIncidents(), full));
    }
    String command =
        ("java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.incidents.IncidentBenchmark "
                + String.join(" ", args))
            .strip();
    String section =
        IncidentBenchmarkReport.section(
            new IncidentBenchmarkReport.Run(
                command,
                started,
                Duration.ofNanos(System.nanoTime() - t0),
                MachineInfo.detect(),
                loadBefore,
                loadAverage(),
                throughput,
                latency,
                stores));
    results.println(section);
    if (settings.write() != null) {
      write(settings.write(), section);
      progress.println("[incidents] results written to " + settings.write());
    }
    boolean complete = latency == null || latency.seen() == latency.attackSteps();
    if (!complete) {
      progress.println("[incidents] some attack steps never appeared in an incident");
    }
    return complete ? 0 : 1;
  }

  static void write(Path file, String section) throws IOException {
    String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(
        file, IncidentBenchmarkReport.updateDocument(existing, section), StandardCharsets.UTF_8);
  }

  /** The first three fields of /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
