package io.palisade.benchmarks.notifier;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The notifier benchmark's options.
 *
 * @param baselineIncidents POSTs of the direct baseline, measured (after as many warm-up ones)
 * @param burstIncidents incident versions written at once for the throughput phase
 * @param warmupIncidents incident versions delivered through the notifier before anything is
 *     measured
 * @param rate incident versions per second written in the latency phase (open loop)
 * @param latencyDuration how long the latency phase writes
 * @param partitions partitions of the incidents topic
 * @param timeout how long a phase may wait for its deliveries before the run fails
 * @param write the Markdown file whose notifier section is replaced, or null
 */
record NotifierLoadSettings(
    int baselineIncidents,
    int burstIncidents,
    int warmupIncidents,
    int rate,
    Duration latencyDuration,
    int partitions,
    Duration timeout,
    Path write) {

  static final String USAGE =
      """
      java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.notifier.NotifierLoad [options]

        --baseline=N        direct POSTs measured for the baseline (default 20000)
        --burst=N           incident versions written at once for the throughput phase (default 20000)
        --warmup=N          incident versions delivered through the notifier first (default 3000)
        --rate=N            incident versions per second in the latency phase (default 200)
        --latency-duration=D  how long the latency phase writes, e.g. 30s (default 30s)
        --partitions=N      partitions of the incidents topic (default 3)
        --timeout=D         longest wait for a phase's deliveries (default 120s)
        --write=FILE        replace the section between <!-- notifier-load:begin --> and
                            <!-- notifier-load:end --> in FILE (e.g. docs/benchmarks.md)
      """;

  static NotifierLoadSettings parse(String... args) {
    int baseline = 20_000;
    int burst = 20_000;
    int warmup = 3_000;
    int rate = 200;
    Duration latency = Duration.ofSeconds(30);
    int partitions = 3;
    Duration timeout = Duration.ofSeconds(120);
    Path write = null;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
      }
      String value = arg.substring(eq + 1);
      switch (arg.substring(2, eq)) {
        case "baseline" -> baseline = positive(arg, value);
        case "burst" -> burst = positive(arg, value);
        case "warmup" -> warmup = positive(arg, value);
        case "rate" -> rate = positive(arg, value);
        case "latency-duration" -> latency = duration(arg, value);
        case "partitions" -> partitions = positive(arg, value);
        case "timeout" -> timeout = duration(arg, value);
        case "write" -> write = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
      }
    }
    return new NotifierLoadSettings(
        baseline, burst, warmup, rate, latency, partitions, timeout, write);
  }

  private static int positive(String arg, String value) {
    try {
      int parsed = Integer.parseInt(value.replace("_", ""));
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(arg + ": expected a positive whole number");
  }

  private static Duration duration(String arg, String value) {
    try {
      String lower = value.toLowerCase(java.util.Locale.ROOT);
      Duration parsed =
          lower.endsWith("ms")
              ? Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)))
              : lower.endsWith("s")
                  ? Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1)))
                  : lower.endsWith("m")
                      ? Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1)))
                      : Duration.parse(value);
      if (!parsed.isNegative() && !parsed.isZero()) {
        return parsed;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(arg + ": expected a duration such as 30s, 2m or 500ms");
  }
}
