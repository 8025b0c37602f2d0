package io.palisade.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of {@link IntakeLoad} does. Every phase is bounded twice, by time and by count, so
 * that a run always stops by itself.
 *
 * @param scenarios which intakes to load
 * @param partitions partitions of every Palisade topic on the embedded broker
 * @param batchSize audit events per {@code EventList} request
 * @param auditClients concurrent HTTP/1.1 clients posting audit batches
 * @param falcoClients concurrent HTTP/1.1 clients posting Falco alerts
 * @param bodyPool distinct request bodies per scenario (audit: batches; Falco: alerts), reused in
 *     turn
 * @param warmup warm-up of each phase (raw producer and HTTP), not measured
 * @param duration measured time of each phase
 * @param maxRequests most HTTP requests per phase (warm-up and measurement each)
 * @param maxBaselineRecords most records the raw producer sends per phase
 * @param producer Kafka producer settings that change the intake's, for the raw producer and the
 *     ingesters alike (e.g. {@code batch.size}); empty to measure the intake's own settings
 * @param write the Markdown file whose results section is written or updated, or null
 */
public record LoadSettings(
    Set<Scenario> scenarios,
    int partitions,
    int batchSize,
    int auditClients,
    int falcoClients,
    int bodyPool,
    Duration warmup,
    Duration duration,
    long maxRequests,
    long maxBaselineRecords,
    Map<String, String> producer,
    Path write) {

  /** The intakes the harness can load. */
  public enum Scenario {
    AUDIT,
    FALCO,
    FALCO_NDJSON,
    AUDIT_TLS
  }

  static final String USAGE =
      """
      Usage: java -jar benchmarks/target/benchmarks.jar [options]
        --only=audit|falco|falco-ndjson|audit-tls
                                  load one scenario only (default: all four; falco sends one
                                  alert per request, falco-ndjson batches of --batch-size lines
                                  with --audit-clients clients, audit-tls is audit over HTTPS
                                  with bearer-token authentication)
        --partitions=N            partitions of each topic (default 3)
        --batch-size=N            audit events per EventList request (default 400)
        --audit-clients=N         concurrent HTTP/1.1 clients for /v1/audit (default 4)
        --falco-clients=N         concurrent HTTP/1.1 clients for /v1/falco (default 32)
        --body-pool=N             distinct pre-serialised request bodies (default 32)
        --warmup=DURATION         warm-up per phase, e.g. 10s or 500ms (default 30s)
        --duration=DURATION       measured time per phase (default 30s)
        --max-requests=N          most HTTP requests per phase (default 200000)
        --max-baseline-records=N  most records the raw producer sends per phase (default 5000000)
        --producer=KEY=VALUE      a Kafka producer setting for the raw producer and the ingesters
                                  alike, e.g. --producer=batch.size=131072 (repeatable; default:
                                  the intake's own settings)
        --write=FILE              write/update the results section of FILE (e.g. docs/benchmarks.md)
        --help                    this text
      """;

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  public LoadSettings {
    scenarios = Set.copyOf(scenarios);
    producer = Collections.unmodifiableMap(new TreeMap<>(producer));
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("at least one scenario is needed");
    }
    requirePositive("partitions", partitions);
    requirePositive("batch-size", batchSize);
    requirePositive("audit-clients", auditClients);
    requirePositive("falco-clients", falcoClients);
    requirePositive("body-pool", bodyPool);
    requirePositive("max-requests", maxRequests);
    requirePositive("max-baseline-records", maxBaselineRecords);
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("--duration must be positive");
    }
  }

  public static LoadSettings defaults() {
    return new LoadSettings(
        EnumSet.allOf(Scenario.class),
        3,
        400,
        4,
        32,
        32,
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        200_000,
        5_000_000,
        Map.of(),
        null);
  }

  /** The defaults changed by {@code --name=value} arguments. */
  public static LoadSettings parse(String... args) {
    LoadSettings d = defaults();
    Set<Scenario> scenarios = d.scenarios;
    int partitions = d.partitions;
    int batchSize = d.batchSize;
    int auditClients = d.auditClients;
    int falcoClients = d.falcoClients;
    int bodyPool = d.bodyPool;
    Duration warmup = d.warmup;
    Duration duration = d.duration;
    long maxRequests = d.maxRequests;
    long maxBaselineRecords = d.maxBaselineRecords;
    Map<String, String> producer = new TreeMap<>(d.producer);
    Path write = d.write;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + USAGE);
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "only" -> scenarios = EnumSet.of(scenario(value));
        case "partitions" -> partitions = integer(name, value);
        case "batch-size" -> batchSize = integer(name, value);
        case "audit-clients" -> auditClients = integer(name, value);
        case "falco-clients" -> falcoClients = integer(name, value);
        case "body-pool" -> bodyPool = integer(name, value);
        case "warmup" -> warmup = duration(name, value);
        case "duration" -> duration = duration(name, value);
        case "max-requests" -> maxRequests = number(name, value);
        case "max-baseline-records" -> maxBaselineRecords = number(name, value);
        case "producer" -> {
          int split = value.indexOf('=');
          if (split <= 0) {
            throw new IllegalArgumentException(
                "--producer must be KEY=VALUE, e.g. batch.size=131072, not '" + value + "'");
          }
          producer.put(value.substring(0, split), value.substring(split + 1));
        }
        case "write" -> write = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
      }
    }
    return new LoadSettings(
        scenarios,
        partitions,
        batchSize,
        auditClients,
        falcoClients,
        bodyPool,
        warmup,
        duration,
        maxRequests,
        maxBaselineRecords,
        producer,
        write);
  }

  public boolean runs(Scenario scenario) {
    return scenarios.contains(scenario);
  }

  private static Scenario scenario(String value) {
    try {
      return Scenario.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--only must be audit, falco, falco-ndjson or audit-tls, not '" + value + "'");
    }
  }

  private static int integer(String name, String value) {
    long n = number(name, value);
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--" + name + " is too large: " + value);
    }
    return (int) n;
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
    }
  }

  static Duration duration(String name, String value) {
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

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("--" + name + " must be positive, not " + value);
    }
  }
}
