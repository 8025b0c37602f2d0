package io.palisade.benchmarks.notifier;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The alert-notifier benchmark: deliveries per second to a fast local webhook receiver, and the
 * latency from an incident version being written to the incidents topic to its arrival at the
 * receiver, next to the same HTTP client posting directly (the baseline), all in one run and one
 * JVM with an embedded broker. Prints a Markdown section and, with {@code --write=FILE}, replaces
 * it in FILE. About one to two minutes with the defaults.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.notifier.NotifierLoad \
 *     --write=docs/benchmarks.md
 * </pre>
 */
public final class NotifierLoad {

  private NotifierLoad() {}

  public static void main(String[] args) throws Exception {
    // a command-line tool: the results section is its output (stdout), progress goes to stderr
    PrintStream results = System.out;
    PrintStream progress = System.err;
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      results.print(NotifierLoadSettings.USAGE);
      return;
    }
    String section;
    try {
      section = measure(progress, args);
    } catch (IllegalArgumentException e) {
      progress.println(e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalStateException e) {
      progress.println("[notifier-load] " + e.getMessage());
      System.exit(1);
      return;
    }
    results.println(section);
    // the HTTP client and Kafka threads need not be waited for
    System.exit(0);
  }

  /**
   * One run: measures, writes the section into {@code --write}'s file if given, returns it.
   *
   * @throws IllegalArgumentException for a bad option
   * @throws IllegalStateException when an incident version did not reach the receiver in time
   */
  public static String measure(PrintStream progress, String... args) throws Exception {
    NotifierLoadSettings settings = NotifierLoadSettings.parse(args);
    NotifierLoadRun.Results measured = new NotifierLoadRun(settings, progress).run();
    String command =
        ("java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.notifier.NotifierLoad "
                + String.join(" ", args))
            .strip();
    String section = NotifierLoadReport.section(measured, command);
    if (settings.write() != null) {
      String existing =
          Files.exists(settings.write())
              ? Files.readString(settings.write(), StandardCharsets.UTF_8)
              : null;
      Files.writeString(
          settings.write(),
          NotifierLoadReport.updateDocument(existing, section),
          StandardCharsets.UTF_8);
      progress.println("[notifier-load] results written to " + settings.write());
    }
    return section;
  }
}
