package io.palisade.benchmarks.admission;

import io.palisade.benchmarks.MachineInfo;
import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.benchmarks.load.CpuMeter.CpuUse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Markdown section of an admission load run, between its own markers, so that it lives in
 * docs/benchmarks.md next to the intake harness's section and each run replaces only its own.
 */
public final class AdmissionLoadReport {

  public static final String BEGIN = "<!-- admission-load:begin -->";
  public static final String END = "<!-- admission-load:end -->";

  /** The target: p99 at most 5 ms at 1,000 requests per second. */
  static final double TARGET_P99_MILLIS = 5;

  static final int TARGET_RATE = 1000;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private AdmissionLoadReport() {}

  public static String section(AdmissionLoadResults results, String command) {
    AdmissionLoadSettings s = results.settings();
    MachineInfo m = results.machine();
    StringBuilder out = new StringBuilder();
    out.append(BEGIN).append('\n');
    out.append("<!-- Written by `AdmissionLoad --write`; a new run replaces everything up to the")
        .append(" end marker. -->\n\n");
    out.append("### Admission gateway: HTTPS AdmissionReview round trips (latest run)\n\n");
    out.append(f("- **Command:** `%s`%n", command));
    out.append(
        f(
            "- **Date:** %s (UTC), the whole run took %s%n",
            DATE.format(results.started()), human(results.took().toSeconds())));
    out.append(
        f(
            "- **Machine:** %d processors, %s memory, %s; %s; %s; max heap %.1f GiB%n",
            m.processors(),
            m.memoryBytes() < 0 ? "unknown" : f("%.1f GiB", m.memoryBytes() / (double) (1L << 30)),
            m.cpuModel(),
            m.os(),
            m.java(),
            m.maxHeapBytes() / (double) (1L << 30)));
    out.append(
        f(
            "- **Machine load:** load average (1/5/15 min) %s when the run began, %s when it"
                + " ended; other processes kept %s cores busy during the gateway's main phase"
                + " and %s during the floor's%n",
            results.loadBefore(),
            results.loadAfter(),
            cores(results.gateway().mainCpu().otherCores()),
            cores(results.floor().mainCpu().otherCores())));
    out.append(
        "- **Sharing:** the embedded Kafka broker, the gateway (Spring Boot, Tomcat, HTTPS with an"
            + " RSA 2048 self-signed certificate made at start) and the load generator all run in"
            + " this one JVM on these processors.\n");
    out.append(
        f(
            "- **Load:** open loop: request *i* is due at *start + i/rate* and its latency is"
                + " measured from that intended time (no coordinated omission); due requests are"
                + " spread over %d kept-alive HTTPS connections (JDK HTTP/1.1 clients, one sender"
                + " thread each). %s distinct"
                + " AdmissionReviews of %,d bytes on average, sent in turn; in every 20, 10 Pod"
                + " CREATEs (8 compliant pods of a ReplicaSet, 2 privileged ones: denied) and 10"
                + " Deployment CREATEs (8 compliant, 2 with a privileged template: allowed with a"
                + " warning). Every decision is published to Kafka.%n",
            s.connections(), f("%,d", s.bodyPool()), results.meanBodyBytes()));
    out.append(
        f(
            "- **Phases:** per endpoint a warm-up of %s at %,d/s, then %s measured at %,d/s; then"
                + " %s at doubling rates until p99 reached %s ms (or a request failed, or the"
                + " generator could not send at the rate), then %d bisection steps%n",
            human(s.warmup().toSeconds()),
            s.rate(),
            human(s.duration().toSeconds()),
            s.rate(),
            human(s.stepDuration().toSeconds()),
            num(s.p99LimitMillis()),
            s.refinements()));
    out.append(
        f(
            "- **Floor:** `POST %s`, a route the benchmark adds to the gateway's own context: it"
                + " reads the body and answers a constant allow, behind the same Tomcat, TLS,"
                + " filters and Spring MVC as `/validate`%n%n",
            FixedAllowRoute.PATH));

    out.append(f("#### %,d requests/s for %s%n%n", s.rate(), human(s.duration().toSeconds())));
    out.append(
        "| endpoint | requests | sent/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | failed"
            + " |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (EndpointResult e : new EndpointResult[] {results.gateway(), results.floor()}) {
      RateResult r = e.main();
      out.append(
          f(
              "| %s `POST %s` | %,d | %,.0f | %s | %s | %s | %s | %s | %d |%n",
              e.name(),
              e.path(),
              r.sent(),
              r.sentPerSecond(),
              AdmissionLoadRun.fmt(r.latency().p50()),
              AdmissionLoadRun.fmt(r.latency().p90()),
              AdmissionLoadRun.fmt(r.latency().p99()),
              AdmissionLoadRun.fmt(r.latency().p999()),
              AdmissionLoadRun.fmt(r.latency().max()),
              r.failed()));
    }
    out.append(
        "\nWhere the processors went in these phases, in cores (this JVM's threads from their CPU"
            + " time; JIT compiler and GC = the JVM's CPU time not spent in Java threads; other"
            + " processes from `/proc/stat`):\n\n");
    out.append(
        "| endpoint | gateway request threads (Tomcat) | decision publisher and Kafka producer I/O"
            + " | Kafka broker and other Java threads | JIT compiler and GC | load generator | this"
            + " JVM | other processes | gateway CPU per request |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (EndpointResult e : new EndpointResult[] {results.gateway(), results.floor()}) {
      CpuUse cpu = e.mainCpu();
      double perRequestMicros =
          e.main().sentPerSecond() <= 0
              ? 0
              : (cpu.cores(CpuMeter.INGESTER) + cpu.cores(CpuMeter.PRODUCER_IO))
                  / e.main().sentPerSecond()
                  * 1e6;
      out.append(
          f(
              "| %s | %s | %s | %s | %s | %s | %s | %s | %.0f µs |%n",
              e.name(),
              cores(cpu.cores(CpuMeter.INGESTER)),
              cores(cpu.cores(CpuMeter.PRODUCER_IO)),
              cores(cpu.cores(CpuMeter.BROKER)),
              cores(cpu.cores(CpuMeter.JVM_INTERNAL)),
              cores(cpu.cores(CpuMeter.LOAD_GENERATOR)),
              cores(cpu.jvmCores()),
              cores(cpu.otherCores()),
              perRequestMicros));
    }
    out.append('\n');
    out.append(f("#### Higher rates (p99 limit %s ms)%n%n", num(s.p99LimitMillis())));
    out.append("| endpoint | rate/s | sent/s | p50 ms | p99 ms | max ms | failed | sustained |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (EndpointResult e : new EndpointResult[] {results.gateway(), results.floor()}) {
      for (RateResult r : e.steps()) {
        out.append(
            f(
                "| %s | %,d | %,.0f | %s | %s | %s | %d | %s |%n",
                e.name(),
                r.rate(),
                r.sentPerSecond(),
                AdmissionLoadRun.fmt(r.latency().p50()),
                AdmissionLoadRun.fmt(r.latency().p99()),
                AdmissionLoadRun.fmt(r.latency().max()),
                r.failed(),
                r.sustained(s.p99LimitMillis()) ? "yes" : "no"));
      }
    }
    out.append('\n');
    out.append(
        f(
            "**Highest rate sustained with p99 < %s ms:** gateway %s, floor %s.%n%n",
            num(s.p99LimitMillis()),
            sustained(results.gateway(), s),
            sustained(results.floor(), s)));
    RateResult main = results.gateway().main();
    boolean targetRun = s.rate() == TARGET_RATE;
    out.append(
        f(
            "**Target** (p99 ≤ %s ms at %,d requests/s): %s%n%n",
            num(TARGET_P99_MILLIS),
            TARGET_RATE,
            !targetRun
                ? "not measured (this run's rate was " + s.rate() + "/s)"
                : main.failed() == 0 && main.latency().p99() <= TARGET_P99_MILLIS
                    ? f("met, p99 %s ms", AdmissionLoadRun.fmt(main.latency().p99()))
                    : f("**not met**, p99 %s ms", AdmissionLoadRun.fmt(main.latency().p99()))));
    out.append(
        f(
            "Decisions handed to Kafka over the whole run: %,d published, %,d failed, %,d"
                + " dropped.%n",
            results.publishOutcomes().getOrDefault("published", 0L),
            results.publishOutcomes().getOrDefault("failed", 0L),
            results.publishOutcomes().getOrDefault("dropped", 0L)));
    out.append(END).append('\n');
    return out.toString();
  }

  /** The document with this section replaced, or appended when it has none yet. */
  public static String updateDocument(String existing, String section) {
    if (existing == null || existing.isBlank()) {
      return "# Benchmarks\n\n" + section;
    }
    int begin = existing.indexOf(BEGIN);
    int end = existing.indexOf(END, Math.max(begin, 0));
    if (begin < 0 || end < 0) {
      return existing.stripTrailing() + "\n\n" + section;
    }
    String after = existing.substring(end + END.length());
    return existing.substring(0, begin) + section.stripTrailing() + after;
  }

  private static String sustained(EndpointResult e, AdmissionLoadSettings s) {
    if (e.highestSustained() == 0) {
      return f("below %,d/s", s.rate());
    }
    boolean capped =
        e.steps().stream().noneMatch(r -> !r.sustained(s.p99LimitMillis()))
            && e.highestSustained() * 2L > s.maxRate();
    return f("**%,d/s**", e.highestSustained()) + (capped ? " (the highest rate tried)" : "");
  }

  private static String cores(double cores) {
    return cores < 0 ? "unknown" : f("%.2f", cores);
  }

  private static String num(double value) {
    return value == Math.rint(value) ? f("%d", (long) value) : f("%s", value);
  }

  private static String human(long seconds) {
    return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
