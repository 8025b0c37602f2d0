package io.palisade.benchmarks.incidents;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options of {@link IncidentBenchmark}.
 *
 * @param parts which parts run
 * @param signals signals pre-filled into the one-partition signals topic for the throughput part
 * @param rate audit events per second offered to the full engine in the latency part
 * @param attackEvery one audit event in this many is an attack step (the others are benign reads)
 * @param warmup latency part: time at the rate before the measured phase
 * @param duration latency part: the measured phase
 * @param drain latency part: how long to wait after the last event for outstanding incidents
 * @param partitions partitions of every topic in the latency part
 * @param openIncidents store part: incidents opened with {@code signalsPerIncident} signals each
 * @param signalsPerIncident store part: signals per incident in the first configuration
 * @param fullTimelineIncidents store part: incidents in the second configuration, each with more
 *     signals than the timeline keeps
 * @param write the Markdown file whose incident section is replaced, or null
 */
public record IncidentBenchmarkSettings(
    Set<Part> parts,
    int signals,
    int rate,
    int attackEvery,
    Duration warmup,
    Duration duration,
    Duration drain,
    int partitions,
    int openIncidents,
    int signalsPerIncident,
    int fullTimelineIncidents,
    Path write) {

  /** The three measurements of the benchmark point. */
  public enum Part {
    THROUGHPUT,
    LATENCY,
    STORE
  }

  static final String USAGE =
      """
      Usage: java -cp benchmarks/target/benchmarks.jar io.palisade.benchmarks.incidents.IncidentBenchmark [options]

        --only=throughput,latency,store   parts to run (default: all three)
        --signals=N                 throughput: signals in the one-partition topic (200000)
        --rate=N                    latency: audit events per second (5000)
        --attack-every=N            latency: one event in N is an attack step (100 = 1 %)
        --warmup=D --duration=D     latency: warm-up (10s) and measured phase (60s)
        --drain=D                   latency: wait for outstanding incidents (15s)
        --partitions=N              latency: partitions of every topic (3)
        --open-incidents=N          store: incidents opened (10000)
        --signals-per-incident=N    store: signals in each of them (5)
        --full-timeline-incidents=N store: incidents with more signals than the timeline keeps (200)
        --write=FILE                replace the incident section of FILE (e.g. docs/benchmarks.md)
      Durations: 500ms, 30s, 2m.
      """;

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  public IncidentBenchmarkSettings {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("--only names no part");
    }
    parts = Set.copyOf(parts);
    requirePositive("--signals", signals);
    requirePositive("--rate", rate);
    requirePositive("--attack-every", attackEvery);
    requirePositive("--partitions", partitions);
    requirePositive("--open-incidents", openIncidents);
    requirePositive("--signals-per-incident", signalsPerIncident);
    requirePositive("--full-timeline-incidents", fullTimelineIncidents);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
  }

  public static IncidentBenchmarkSettings defaults() {
    return new IncidentBenchmarkSettings(
        EnumSet.allOf(Part.class),
        200_000,
        5_000,
        100,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(15),
        3,
        10_000,
        5,
        200,
        null);
  }

  public static IncidentBenchmarkSettings parse(String... args) {
    IncidentBenchmarkSettings s = defaults();
    Set<Part> parts = EnumSet.copyOf(s.parts);
    int signals = s.signals;
    int rate = s.rate;
    int attackEvery = s.attackEvery;
    Duration warmup = s.warmup;
    Duration duration = s.duration;
    Duration drain = s.drain;
    int partitions = s.partitions;
    int openIncidents = s.openIncidents;
    int perIncident = s.signalsPerIncident;
    int fullTimeline = s.fullTimelineIncidents;
    Path write = null;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument: " + arg + "\n" + USAGE);
      }
      String name = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "--only" -> {
          parts = EnumSet.noneOf(Part.class);
          for (String part : value.split(",")) {
            parts.add(part(part.trim()));
          }
        }
        case "--signals" -> signals = integer(name, value);
        case "--rate" -> rate = integer(name, value);
        case "--attack-every" -> attackEvery = integer(name, value);
        case "--warmup" -> warmup = duration(name, value);
        case "--duration" -> duration = duration(name, value);
        case "--drain" -> drain = duration(name, value);
        case "--partitions" -> partitions = integer(name, value);
        case "--open-incidents" -> openIncidents = integer(name, value);
        case "--signals-per-incident" -> perIncident = integer(name, value);
        case "--full-timeline-incidents" -> fullTimeline = integer(name, value);
        case "--write" -> write = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option: " + name + "\n" + USAGE);
      }
    }
    return new IncidentBenchmarkSettings(
        parts,
        signals,
        rate,
        attackEvery,
        warmup,
        duration,
        drain,
        partitions,
        openIncidents,
        perIncident,
        fullTimeline,
        write);
  }

  public boolean runs(Part part) {
    return parts.contains(part);
  }

  private static Part part(String value) {
    try {
      return Part.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--only: unknown part '" + value + "' (throughput, latency, store)", e);
    }
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not a number: " + value, e);
    }
  }

  static Duration duration(String name, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(name + ": not a duration (500ms, 30s, 2m): " + value);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static void requirePositive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }
}
