package io.palisade.benchmarks.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.admission.AdmissionGatewayApplication;
import io.palisade.benchmarks.MachineInfo;
import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.benchmarks.load.CpuMeter.CpuUse;
import io.palisade.benchmarks.load.RunningIngester;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of the admission load: an embedded broker, the admission gateway started in this JVM with
 * HTTPS (a self-signed certificate made at start, in a temporary directory that is deleted
 * afterwards), and open-loop AdmissionReview round trips over HTTPS, first at the fixed rate, then
 * at doubling rates until p99 reaches the limit, for {@code /validate} and for the constant allow
 * of {@link FixedAllowRoute} behind the same server.
 */
public final class AdmissionLoadRun {

  static final String CLUSTER = "bench";
  private static final long SEED = 20_261_128L;

  private final AdmissionLoadSettings settings;
  private final PrintStream progress;

  public AdmissionLoadRun(AdmissionLoadSettings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  public AdmissionLoadResults run() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String loadBefore = loadAverage();
    AdmissionWorkload workload = AdmissionWorkload.build(settings.bodyPool(), SEED);
    say(
        "%d distinct AdmissionReviews of %,d bytes on average (%d denied, %d warned)",
        workload.bodies().size(), workload.meanBodyBytes(), workload.denied(), workload.warned());
    Path tls = temporaryDirectory();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
      String bootstrap = broker.bootstrapServers();
      TopicProvisioner.ensureTopics(bootstrap, PalisadeTopics.withDefaultNames(), 3, (short) 1);
      SelfSignedCertificate certificate = SelfSignedCertificate.create(tls);
      say("broker on %s; gateway certificate in %s", bootstrap, tls);
      try (RunningIngester gateway =
          RunningIngester.start(
              AdmissionGatewayApplication.builder().sources(FixedAllowRoute.class),
              bootstrap,
              "--palisade.cluster=" + CLUSTER,
              "--palisade.intake.tls.certificate=" + certificate.certificateFile(),
              "--palisade.intake.tls.private-key=" + certificate.privateKeyFile(),
              "--logging.structured.format.console=")) {
        OpenLoopLoad load = new OpenLoopLoad(certificate.clientContext(), settings.connections());
        URI validate = gateway.httpsUri("/validate");
        URI allow = gateway.httpsUri(FixedAllowRoute.PATH);
        warm(load, validate, workload);
        warm(load, allow, workload);
        Main gatewayMain = main(load, "gateway", validate, workload);
        Main floorMain = main(load, "floor", allow, workload);
        EndpointResult gatewayResult =
            steps(load, "gateway", "/validate", validate, workload, gatewayMain);
        EndpointResult floorResult =
            steps(load, "floor", FixedAllowRoute.PATH, allow, workload, floorMain);
        Map<String, Long> outcomes = publishOutcomes(gateway.bean(MeterRegistry.class));
        return new AdmissionLoadResults(
            settings,
            MachineInfo.detect(),
            started,
            Duration.ofNanos(System.nanoTime() - t0),
            workload.meanBodyBytes(),
            gatewayResult,
            floorResult,
            outcomes,
            loadBefore,
            loadAverage());
      }
    } finally {
      deleteRecursively(tls);
    }
  }

  private record Main(RateResult result, CpuUse cpu) {}

  private void warm(OpenLoopLoad load, URI target, AdmissionWorkload workload) {
    if (!settings.warmup().isZero()) {
      say("warm-up of %s: %d/s for %s", target.getPath(), settings.rate(), settings.warmup());
      load.run(target, workload.bodies(), settings.rate(), settings.warmup());
    }
  }

  private Main main(OpenLoopLoad load, String name, URI target, AdmissionWorkload workload) {
    say("%s: %d/s for %s", name, settings.rate(), settings.duration());
    CpuMeter cpu = CpuMeter.start();
    RateResult result = load.run(target, workload.bodies(), settings.rate(), settings.duration());
    CpuUse use = cpu.stop();
    report(name, result);
    return new Main(result, use);
  }

  /** Doubles the rate until it is no longer sustained, then bisects a few times. */
  private EndpointResult steps(
      OpenLoopLoad load,
      String name,
      String path,
      URI target,
      AdmissionWorkload workload,
      Main main) {
    List<RateResult> steps = new ArrayList<>();
    double limit = settings.p99LimitMillis();
    int sustained = main.result().sustained(limit) ? settings.rate() : 0;
    int failedAt = sustained == 0 ? settings.rate() : 0;
    for (long rate = 2L * settings.rate();
        sustained > 0 && failedAt == 0 && rate <= settings.maxRate();
        rate *= 2) {
      RateResult step = step(load, name, target, workload, (int) rate);
      steps.add(step);
      if (step.sustained(limit)) {
        sustained = (int) rate;
      } else {
        failedAt = (int) rate;
      }
    }
    for (int i = 0; i < settings.refinements() && sustained > 0 && failedAt > 0; i++) {
      int middle = roundedMiddle(sustained, failedAt);
      if (middle <= sustained || middle >= failedAt) {
        break;
      }
      RateResult step = step(load, name, target, workload, middle);
      steps.add(step);
      if (step.sustained(limit)) {
        sustained = middle;
      } else {
        failedAt = middle;
      }
    }
    steps.sort(Comparator.comparingInt(RateResult::rate));
    say("%s: highest rate sustained with p99 < %s ms: %d/s", name, fmt(limit), sustained);
    return new EndpointResult(name, path, main.result(), main.cpu(), steps, sustained);
  }

  private RateResult step(
      OpenLoopLoad load, String name, URI target, AdmissionWorkload workload, int rate) {
    say("%s: step %d/s for %s", name, rate, settings.stepDuration());
    RateResult result = load.run(target, workload.bodies(), rate, settings.stepDuration());
    report(name, result);
    return result;
  }

  /** The middle of two rates, rounded to a hundred when they are that far apart. */
  static int roundedMiddle(int low, int high) {
    int middle = low + (high - low) / 2;
    return high - low >= 400 ? Math.round(middle / 100f) * 100 : middle;
  }

  private void report(String name, RateResult r) {
    say(
        "%s: %d/s -> sent %.0f/s, %d ok, %d failed, p50 %s ms, p99 %s ms, max %s ms%s",
        name,
        r.rate(),
        r.sentPerSecond(),
        r.succeeded(),
        r.failed(),
        fmt(r.latency().p50()),
        fmt(r.latency().p99()),
        fmt(r.latency().max()),
        r.firstFailure() == null ? "" : " (first failure: " + r.firstFailure() + ")");
  }

  private static Map<String, Long> publishOutcomes(MeterRegistry meters) {
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (String outcome : List.of("published", "failed", "dropped")) {
      Counter counter = meters.find("palisade.admission.publish").tag("outcome", outcome).counter();
      outcomes.put(outcome, counter == null ? 0 : (long) counter.count());
    }
    return outcomes;
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("palisade-admission-load-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteRecursively(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      say("could not delete %s (%s); remove it by hand", directory, e);
    }
  }

  private void say(String format, Object... args) {
    progress.println("[admission-load] " + String.format(Locale.ROOT, format, args));
  }

  static String fmt(double millis) {
    return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
  }
}
