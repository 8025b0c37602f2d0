package io.palisade.benchmarks;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.benchmarks.LoadSettings.Scenario;
import io.palisade.benchmarks.admission.SelfSignedCertificate;
import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.benchmarks.load.CpuMeter.CpuUse;
import io.palisade.benchmarks.load.HttpLoadGenerator;
import io.palisade.benchmarks.load.HttpResult;
import io.palisade.benchmarks.load.ProducerResult;
import io.palisade.benchmarks.load.RawProducerBaseline;
import io.palisade.benchmarks.load.RunningIngester;
import io.palisade.benchmarks.load.TopicOffsets;
import io.palisade.benchmarks.workload.AuditWorkload;
import io.palisade.benchmarks.workload.FalcoWorkload;
import io.palisade.benchmarks.workload.Workload;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.runtime.RuntimeIngesterApplication;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * One run of the harness in this JVM: an embedded broker on a free port of 127.0.0.1 with
 * Palisade's topics, then per intake the raw-producer baseline and the real ingester loaded over
 * HTTP with the same records. Progress goes to {@code progress}; the numbers are returned.
 */
public final class BenchmarkRun {

  /** The ingesters' default {@code palisade.cluster}, so keys match the baseline's. */
  static final String CLUSTER = "default";

  /**
   * Plain HTTP without authentication, as all-in-one runs the intakes (TLS and client
   * authentication are not part of what is measured); the cluster the baseline records name.
   */
  static final String[] INGESTER_ARGUMENTS = {
    "--palisade.cluster=" + CLUSTER,
    "--palisade.intake.tls.enabled=false",
    "--palisade.intake.auth.mode=none",
  };

  private static final long SEED = 20260101L;

  /** The ingester's arguments and the producer settings of the run, as intake properties. */
  private String[] withProducerSettings(String[] arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    settings
        .producer()
        .forEach((key, value) -> all.add("--palisade.kafka.producer.[" + key + "]=" + value));
    return all.toArray(String[]::new);
  }

  private final LoadSettings settings;
  private final PrintStream progress;

  public BenchmarkRun(LoadSettings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  public BenchmarkResults run() {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    List<ScenarioResult> results = new ArrayList<>();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
      String bootstrap = broker.bootstrapServers();
      TopicProvisioner.ensureTopics(
          bootstrap, PalisadeTopics.withDefaultNames(), settings.partitions(), (short) 1);
      say("broker on %s, topics with %d partitions", bootstrap, settings.partitions());
      Workload audit = null;
      if (settings.runs(Scenario.AUDIT) || settings.runs(Scenario.AUDIT_TLS)) {
        audit = AuditWorkload.build(settings.batchSize(), settings.bodyPool(), CLUSTER, SEED);
      }
      if (settings.runs(Scenario.AUDIT)) {
        results.add(
            scenario(audit, settings.auditClients(), AuditIngesterApplication::builder, bootstrap));
      }
      if (settings.runs(Scenario.FALCO)) {
        // as many distinct alerts as the audit scenario has distinct events
        Workload falco = FalcoWorkload.build(settings.bodyPool() * settings.batchSize(), CLUSTER);
        results.add(
            scenario(
                falco, settings.falcoClients(), RuntimeIngesterApplication::builder, bootstrap));
      }
      if (settings.runs(Scenario.FALCO_NDJSON)) {
        Workload lines = FalcoWorkload.ndjson(settings.batchSize(), settings.bodyPool(), CLUSTER);
        results.add(
            scenario(
                lines, settings.auditClients(), RuntimeIngesterApplication::builder, bootstrap));
      }
      if (settings.runs(Scenario.AUDIT_TLS)) {
        results.add(
            scenario(
                audit.overTls(),
                settings.auditClients(),
                AuditIngesterApplication::builder,
                bootstrap));
      }
    }
    return new BenchmarkResults(
        settings, MachineInfo.detect(), started, Duration.ofNanos(System.nanoTime() - t0), results);
  }

  private ScenarioResult scenario(
      Workload workload,
      int clients,
      Supplier<SpringApplicationBuilder> application,
      String bootstrap) {
    say(
        "%s: %d distinct bodies of %,d bytes (%d events each), records of %,d bytes",
        workload.name(),
        workload.bodies().size(),
        workload.meanBodyBytes(),
        workload.eventsPerRequest(),
        workload.meanRecordBytes());
    say(
        "%s: raw producer baseline (warm-up %s, measured %s)",
        workload.name(), BenchmarkReport.human(warmup()), BenchmarkReport.human(time()));
    ProducerResult baseline;
    CpuUse baselineCpu;
    try (RawProducerBaseline raw = new RawProducerBaseline(bootstrap, settings.producer())) {
      if (!warmup().isZero()) {
        raw.phase(workload.records(), warmup(), settings.maxBaselineRecords());
      }
      CpuMeter cpu = CpuMeter.start();
      baseline = raw.phase(workload.records(), time(), settings.maxBaselineRecords());
      baselineCpu = cpu.stop();
    }
    say(
        "%s: raw producer %,.0f records/s, %.1f MB/s; CPU: this JVM %.2f cores, others %.2f",
        workload.name(),
        baseline.recordsPerSecond(),
        baseline.megabytesPerSecond(),
        baselineCpu.jvmCores(),
        baselineCpu.otherCores());

    Secured secured = workload.tls() ? Secured.create() : null;
    try (RunningIngester ingester =
            RunningIngester.start(
                application.get(),
                bootstrap,
                withProducerSettings(secured == null ? INGESTER_ARGUMENTS : secured.arguments()));
        HttpLoadGenerator load =
            new HttpLoadGenerator(
                secured == null
                    ? ingester.uri(workload.path())
                    : ingester.httpsUri(workload.path()),
                workload.contentType(),
                workload.bodies(),
                workload.eventsPerRequest(),
                clients,
                secured == null ? null : secured.certificate().clientContext(),
                secured == null ? null : secured.token())) {
      say(
          "%s: POST %s with %d clients, warm-up %s",
          workload.name(), workload.intake(), clients, BenchmarkReport.human(warmup()));
      if (!warmup().isZero()) {
        load.phase(warmup(), settings.maxRequests());
      }
      long before = TopicOffsets.endOffsetSum(bootstrap, workload.topic());
      say("%s: measuring for %s", workload.name(), BenchmarkReport.human(time()));
      CpuMeter cpu = CpuMeter.start();
      HttpResult http = load.phase(time(), settings.maxRequests());
      CpuUse httpCpu = cpu.stop();
      long onTopic = TopicOffsets.endOffsetSum(bootstrap, workload.topic()) - before;
      say(
          "%s: %,.0f events/s, %,.1f requests/s, p99 %.1f ms, %d failed; CPU: this JVM %.2f"
              + " cores, others %.2f",
          workload.name(),
          http.eventsPerSecond(),
          http.requestsPerSecond(),
          http.latency().p99(),
          http.failedRequests(),
          httpCpu.jvmCores(),
          httpCpu.otherCores());
      if (http.firstFailure() != null) {
        say("%s: first failure: %s", workload.name(), http.firstFailure());
      }
      return new ScenarioResult(
          workload.name(),
          workload.path(),
          workload.contentType(),
          workload.tls(),
          workload.eventsPerRequest(),
          clients,
          workload.bodies().size(),
          workload.meanBodyBytes(),
          workload.meanRecordBytes(),
          baseline,
          baselineCpu,
          http,
          httpCpu,
          onTopic);
    }
  }

  private Duration warmup() {
    return settings.warmup();
  }

  private Duration time() {
    return settings.duration();
  }

  private void say(String format, Object... args) {
    progress.println("[intake-load] " + String.format(Locale.ROOT, format, args));
  }

  /**
   * An ingester serving HTTPS with a certificate made for this run and requiring a bearer token, as
   * a production intake runs (the API server's webhook kubeconfig, a log shipper's token).
   */
  private record Secured(SelfSignedCertificate certificate, String token) {

    static Secured create() {
      try {
        Path directory = Files.createTempDirectory("palisade-benchmark-tls");
        directory.toFile().deleteOnExit();
        return new Secured(SelfSignedCertificate.create(directory), UUID.randomUUID().toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String[] arguments() {
      return new String[] {
        "--palisade.cluster=" + CLUSTER,
        "--palisade.intake.tls.enabled=true",
        "--palisade.intake.tls.certificate=" + certificate.certificateFile(),
        "--palisade.intake.tls.private-key=" + certificate.privateKeyFile(),
        "--palisade.intake.tls.management-port=" + freePort(),
        "--palisade.intake.auth.mode=token",
        "--palisade.intake.auth.tokens=" + token,
      };
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
