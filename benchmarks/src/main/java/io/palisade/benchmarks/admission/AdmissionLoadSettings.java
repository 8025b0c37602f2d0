package io.palisade.benchmarks.admission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of {@code AdmissionLoad} does. Every phase is bounded in time; the rate steps stop
 * at {@code maxRate}, so a run always ends by itself.
 *
 * @param rate the fixed rate of the main phase, requests per second
 * @param warmup load at {@code rate} before measuring, per endpoint (not measured)
 * @param duration the main phase at {@code rate}, per endpoint
 * @param stepDuration each higher rate's phase
 * @param maxRate the highest rate tried
 * @param p99LimitMillis a rate counts as sustained while p99 stays below this
 * @param refinements bisection steps between the last sustained and the first failed rate
 * @param bodyPool distinct AdmissionReview bodies, sent in turn
 * @param connections kept-alive HTTPS connections (one sender thread each) the load is spread over
 * @param write the Markdown file whose admission section is written or updated, or null
 */
public record AdmissionLoadSettings(
    int rate,
    Duration warmup,
    Duration duration,
    Duration stepDuration,
    int maxRate,
    double p99LimitMillis,
    int refinements,
    int bodyPool,
    int connections,
    Path write) {

  public static final String USAGE =
      """
      Usage: java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.AdmissionLoad [options]
        --rate=N              requests per second of the main phase (default 1000)
        --warmup=DURATION     load at --rate before measuring, per endpoint (default 30s)
        --duration=DURATION   main phase per endpoint (default 60s)
        --step-duration=D     each higher rate's phase (default 10s)
        --max-rate=N          highest rate tried when stepping up (default 64000)
        --p99-limit-ms=N      a rate is sustained while p99 stays below this (default 10)
        --refinements=N       bisection steps after the doubling (default 2)
        --body-pool=N         distinct AdmissionReview bodies (default 4000)
        --connections=N       kept-alive HTTPS connections, one sender thread each (default 32)
        --write=FILE          write/update the admission section of FILE (e.g. docs/benchmarks.md)
        --help                this text
      """;

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  public AdmissionLoadSettings {
    positive("rate", rate);
    positive("max-rate", maxRate);
    positive("body-pool", bodyPool);
    positive("connections", connections);
    if (p99LimitMillis <= 0) {
      throw new IllegalArgumentException("--p99-limit-ms must be positive");
    }
    if (refinements < 0) {
      throw new IllegalArgumentException("--refinements must not be negative");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (duration.isZero()
        || duration.isNegative()
        || stepDuration.isZero()
        || stepDuration.isNegative()) {
      throw new IllegalArgumentException("--duration and --step-duration must be positive");
    }
  }

  public static AdmissionLoadSettings defaults() {
    return new AdmissionLoadSettings(
        1000,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        64_000,
        10,
        2,
        4000,
        32,
        null);
  }

  /** The defaults changed by {@code --name=value} arguments. */
  public static AdmissionLoadSettings parse(String... args) {
    AdmissionLoadSettings d = defaults();
    int rate = d.rate;
    Duration warmup = d.warmup;
    Duration duration = d.duration;
    Duration stepDuration = d.stepDuration;
    int maxRate = d.maxRate;
    double p99Limit = d.p99LimitMillis;
    int refinements = d.refinements;
    int bodyPool = d.bodyPool;
    int connections = d.connections;
    Path write = d.write;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "rate" -> rate = integer(name, value);
        case "warmup" -> warmup = duration(name, value);
        case "duration" -> duration = duration(name, value);
        case "step-duration" -> stepDuration = duration(name, value);
        case "max-rate" -> maxRate = integer(name, value);
        case "p99-limit-ms" -> p99Limit = integer(name, value);
        case "refinements" -> refinements = integer(name, value);
        case "body-pool" -> bodyPool = integer(name, value);
        case "connections" -> connections = integer(name, value);
        case "write" -> write = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
      }
    }
    return new AdmissionLoadSettings(
        rate,
        warmup,
        duration,
        stepDuration,
        maxRate,
        p99Limit,
        refinements,
        bodyPool,
        connections,
        write);
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
    }
  }

  private static Duration duration(String name, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--" + name + " must be a duration like 500ms, 10s or 2m, not '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("--" + name + " must be positive, not " + value);
    }
  }
}
