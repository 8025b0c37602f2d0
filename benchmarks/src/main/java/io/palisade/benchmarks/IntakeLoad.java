package io.palisade.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The intake load harness: in one run and one JVM, an embedded Kafka broker, a raw-producer
 * baseline, and the real audit-ingester and runtime-ingester loaded over HTTP with the same
 * records; prints a Markdown table and, with {@code --write=FILE}, updates the results section of
 * FILE. All traffic goes to 127.0.0.1; every phase is bounded in time and count.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar --write=docs/benchmarks.md
 * </pre>
 */
public final class IntakeLoad {

  private IntakeLoad() {}

  public static void main(String[] args) throws IOException {
    // a command-line tool: the results table is its output (stdout), progress goes to stderr
    PrintStream results = System.out;
    PrintStream progress = System.err;
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      results.print(LoadSettings.USAGE);
      return;
    }
    LoadSettings settings;
    try {
      settings = LoadSettings.parse(args);
    } catch (IllegalArgumentException e) {
      progress.println(e.getMessage());
      System.exit(2);
      return;
    }
    BenchmarkResults measured = new BenchmarkRun(settings, progress).run();
    String command =
        ("java -jar benchmarks/target/benchmarks.jar " + String.join(" ", args)).strip();
    String section = BenchmarkReport.section(measured, command);
    results.println(section);
    if (settings.write() != null) {
      write(settings.write(), section);
      progress.println("[intake-load] results written to " + settings.write());
    }
    boolean consistent = measured.scenarios().stream().allMatch(ScenarioResult::consistent);
    if (!consistent) {
      progress.println(
          "[intake-load] some requests failed or the topic does not hold every accepted event");
      System.exit(1);
    }
    // the HTTP client and Kafka threads need not be waited for
    System.exit(0);
  }

  static void write(Path file, String section) throws IOException {
    String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(
        file, BenchmarkReport.updateDocument(existing, section), StandardCharsets.UTF_8);
  }
}
