package io.palisade.benchmarks;

import io.palisade.benchmarks.admission.AdmissionLoadReport;
import io.palisade.benchmarks.admission.AdmissionLoadResults;
import io.palisade.benchmarks.admission.AdmissionLoadRun;
import io.palisade.benchmarks.admission.AdmissionLoadSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The admission load: in one JVM, an embedded Kafka broker, the admission gateway over HTTPS, and
 * open-loop AdmissionReview round trips at a fixed rate (1,000/s for 60 s by default), then at
 * doubling rates until p99 reaches 10 ms, against {@code /validate} and against a constant allow
 * behind the same server (the floor). Prints a Markdown section and, with {@code --write=FILE},
 * replaces the admission section of FILE (its own markers; the intake harness's section stays).
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.AdmissionLoad --write=docs/benchmarks.md
 * </pre>
 */
public final class AdmissionLoad {

  private AdmissionLoad() {}

  public static void main(String[] args) throws IOException {
    PrintStream results = System.out;
    PrintStream progress = System.err;
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      results.print(AdmissionLoadSettings.USAGE);
      return;
    }
    AdmissionLoadSettings settings;
    try {
      settings = AdmissionLoadSettings.parse(args);
    } catch (IllegalArgumentException e) {
      progress.println(e.getMessage());
      System.exit(2);
      return;
    }
    AdmissionLoadResults measured = new AdmissionLoadRun(settings, progress).run();
    String command =
        ("java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.AdmissionLoad "
                + String.join(" ", args))
            .strip();
    String section = AdmissionLoadReport.section(measured, command);
    results.println(section);
    if (settings.write() != null) {
      write(settings.write(), section);
      progress.println("[admission-load] results written to " + settings.write());
    }
    if (!measured.consistent()) {
      progress.println("[admission-load] some requests of the main phases failed");
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
        file, AdmissionLoadReport.updateDocument(existing, section), StandardCharsets.UTF_8);
  }
}
