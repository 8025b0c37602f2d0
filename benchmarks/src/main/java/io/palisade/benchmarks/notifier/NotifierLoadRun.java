package io.palisade.benchmarks.notifier;

import io.palisade.avro.Incident;
import io.palisade.benchmarks.MachineInfo;
import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.benchmarks.load.RunningIngester;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.notify.AlertNotifierApplication;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.webhook.WebhookProperties;
import io.palisade.notify.webhook.WebhookReceiver;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.PublishedSchemas;
import io.palisade.schemas.Topic;
import io.palisade.schemas.TopicProvisioner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of the notifier benchmark, in one JVM:
 *
 * <ol>
 *   <li>the baseline: the notifier's own {@link WebhookReceiver} and {@link ReceiverHttpClient}
 *       POST incident versions one after the other, on one thread (as one receiver's delivery loop
 *       does), straight to the {@link FastReceiver}: no Kafka, no routing, no state;
 *   <li>an embedded broker and the alert-notifier (its Spring context, as all-in-one runs it) with
 *       one webhook receiver pointing at the same {@link FastReceiver}: routing, notify-on-change
 *       state in its compacted topic, the delivery log, offsets committed after delivery;
 *   <li>a warm-up, then the latency phase: incident versions written at a fixed rate (open loop),
 *       each timed from just before its {@code send()} to its arrival at the receiver;
 *   <li>the throughput phase: a burst of incident versions written at once, timed from the first
 *       write to the last arrival.
 * </ol>
 */
final class NotifierLoadRun {

  static final String CLUSTER = "bench";

  /** What was measured. */
  record Results(
      NotifierLoadSettings settings,
      MachineInfo machine,
      Instant started,
      Duration took,
      int payloadBytes,
      Phase baseline,
      Phase latency,
      Phase burst,
      long receiverRequests,
      long duplicates,
      String loadBefore,
      String loadAfter) {

    double ratio() {
      return burst.perSecond() / baseline.perSecond();
    }

    /** The same ratio per CPU-second of this JVM: less sensitive to what else runs. */
    double ratioPerCpu() {
      return (burst.perSecond() / burst.jvmCores()) / (baseline.perSecond() / baseline.jvmCores());
    }
  }

  /**
   * One measured phase.
   *
   * @param deliveries incident versions delivered
   * @param elapsed from the first write (or POST) to the last arrival
   * @param p50 latency in ms; for the notifier from the write to the topic to the arrival, for the
   *     baseline one POST round trip
   * @param jvmCores CPU of this JVM during the phase, in cores
   * @param otherCores CPU of every other process on the machine during the phase, in cores
   * @param loopCores CPU of the notifier's delivery loop thread (or the baseline's posting thread)
   */
  record Phase(
      long deliveries,
      Duration elapsed,
      double p50,
      double p90,
      double p99,
      double max,
      double jvmCores,
      double otherCores,
      double loopCores) {

    double perSecond() {
      return deliveries / (elapsed.toNanos() / 1e9);
    }
  }

  private final NotifierLoadSettings settings;
  private final PrintStream progress;
  private final Incident template = template();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  NotifierLoadRun(NotifierLoadSettings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  Results run() throws Exception {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String loadBefore = loadAverage();
    try (FastReceiver receiver = FastReceiver.start()) {
      Phase baseline = baseline(receiver);
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
        String bootstrap = broker.bootstrapServers();
        PalisadeTopics topics = PalisadeTopics.withDefaultNames();
        TopicProvisioner.ensureTopics(bootstrap, topics, settings.partitions(), (short) 1);
        say("broker on %s, incidents topic with %d partitions", bootstrap, settings.partitions());
        try (RunningIngester notifier =
                RunningIngester.start(
                    AlertNotifierApplication.builder(),
                    bootstrap,
                    "--palisade.cluster=" + CLUSTER,
                    "--palisade.notifier.consumer-group=bench-notifier-" + run,
                    "--palisade.notifier.webhook.url=" + receiver.url("/hook"),
                    "--logging.structured.format.console=");
            KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
          Topic<String, Incident> incidents = topics.incidents();
          say("alert-notifier started; warm-up: %,d incident versions", settings.warmupIncidents());
          List<Sent> warm = writeBurst(producer, incidents, "warm", settings.warmupIncidents());
          awaitDelivered(receiver, warm);
          say(
              "latency phase: %d incident versions/s for %s",
              settings.rate(), settings.latencyDuration());
          Phase latency = latencyPhase(producer, incidents, receiver);
          say("throughput phase: %,d incident versions at once", settings.burstIncidents());
          Phase burst = burstPhase(producer, incidents, receiver);
          return new Results(
              settings,
              MachineInfo.detect(),
              started,
              Duration.ofNanos(System.nanoTime() - t0),
              payloadBytes(),
              baseline,
              latency,
              burst,
              receiver.requests(),
              receiver.duplicates(),
              loadBefore,
              loadAverage());
        }
      }
    }
  }

  /** The same receiver class and HTTP client as the notifier, posting directly, on one thread. */
  private Phase baseline(FastReceiver receiver) throws InterruptedException {
    ReceiverHttpClient http =
        new ReceiverHttpClient(
            ReceiverHttpClient.defaultClient(Duration.ofSeconds(5)), Clock.systemUTC());
    WebhookReceiver webhook =
        new WebhookReceiver(
            new WebhookProperties(receiver.url("/direct"), null, Duration.ofSeconds(10)),
            http,
            JsonMapper.builder().build());
    say("baseline: %,d direct POSTs (after as many warm-up ones)", settings.baselineIncidents());
    for (int i = 0; i < settings.baselineIncidents(); i++) {
      post(webhook, incident("direct-warm", i));
    }
    Histogram micros = new Histogram(3);
    CpuMeter cpu = CpuMeter.start();
    ThreadCpu loop = ThreadCpu.start(Thread.currentThread().getName());
    long start = System.nanoTime();
    for (int i = 0; i < settings.baselineIncidents(); i++) {
      Incident incident = incident("direct", i);
      long before = System.nanoTime();
      post(webhook, incident);
      micros.recordValue(Math.max(1, (System.nanoTime() - before) / 1_000));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    CpuMeter.CpuUse use = cpu.stop();
    Phase phase = phase(settings.baselineIncidents(), elapsed, micros, use, loop.stop());
    say("baseline: %,.0f deliveries/s", phase.perSecond());
    return phase;
  }

  private static void post(WebhookReceiver webhook, Incident incident) throws InterruptedException {
    DeliveryResult result = webhook.deliver(incident);
    if (!result.delivered()) {
      throw new IllegalStateException("the fast receiver did not accept a POST: " + result);
    }
  }

  private record Sent(String key, long nanos) {}

  private Phase latencyPhase(
      KafkaProducer<byte[], byte[]> producer,
      Topic<String, Incident> incidents,
      FastReceiver receiver)
      throws InterruptedException {
    int count = (int) Math.max(1, settings.rate() * settings.latencyDuration().toMillis() / 1000);
    long interval = TimeUnit.SECONDS.toNanos(1) / settings.rate();
    List<Sent> sent = new ArrayList<>(count);
    CpuMeter cpu = CpuMeter.start();
    ThreadCpu loop = ThreadCpu.start(LOOP_THREAD);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      sent.add(write(producer, incidents, incident("latency", i)));
    }
    awaitDelivered(receiver, sent);
    CpuMeter.CpuUse use = cpu.stop();
    Phase phase = phase(sent, receiver, start, use, loop.stop());
    say(
        "latency phase: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        phase.p50(), phase.p99(), phase.max());
    return phase;
  }

  private Phase burstPhase(
      KafkaProducer<byte[], byte[]> producer,
      Topic<String, Incident> incidents,
      FastReceiver receiver)
      throws InterruptedException {
    CpuMeter cpu = CpuMeter.start();
    ThreadCpu loop = ThreadCpu.start(LOOP_THREAD);
    long start = System.nanoTime();
    List<Sent> sent = writeBurst(producer, incidents, "burst", settings.burstIncidents());
    awaitDelivered(receiver, sent);
    CpuMeter.CpuUse use = cpu.stop();
    Phase phase = phase(sent, receiver, start, use, loop.stop());
    say("throughput phase: %,.0f deliveries/s", phase.perSecond());
    return phase;
  }

  private List<Sent> writeBurst(
      KafkaProducer<byte[], byte[]> producer,
      Topic<String, Incident> incidents,
      String phase,
      int count) {
    List<Sent> sent = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sent.add(write(producer, incidents, incident(phase, i)));
    }
    producer.flush();
    return sent;
  }

  private static Sent write(
      KafkaProducer<byte[], byte[]> producer,
      Topic<String, Incident> incidents,
      Incident incident) {
    byte[] key = incidents.keySerde().serializer().serialize(incidents.name(), incident.getId());
    byte[] value = incidents.valueSerde().serializer().serialize(incidents.name(), incident);
    long nanos = System.nanoTime();
    producer.send(new ProducerRecord<>(incidents.name(), key, value));
    return new Sent(incident.getId() + "/" + incident.getVersion(), nanos);
  }

  /** Waits until every sent version arrived, without sleeping longer than a millisecond a time. */
  private void awaitDelivered(FastReceiver receiver, List<Sent> sent) throws InterruptedException {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    for (Sent one : sent) {
      while (receiver.arrival(one.key()) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "not every incident version reached the receiver within "
                  + settings.timeout()
                  + " (first missing: "
                  + one.key()
                  + ")");
        }
        Thread.sleep(1);
      }
    }
  }

  private static Phase phase(
      List<Sent> sent, FastReceiver receiver, long start, CpuMeter.CpuUse use, double loopCores) {
    Histogram micros = new Histogram(3);
    long last = start;
    for (Sent one : sent) {
      long arrival = receiver.arrival(one.key());
      last = Math.max(last, arrival);
      micros.recordValue(Math.max(1, (arrival - one.nanos()) / 1_000));
    }
    return phase(sent.size(), Duration.ofNanos(last - start), micros, use, loopCores);
  }

  private static Phase phase(
      long count, Duration elapsed, Histogram micros, CpuMeter.CpuUse use, double loopCores) {
    return new Phase(
        count,
        elapsed,
        micros.getValueAtPercentile(50) / 1e3,
        micros.getValueAtPercentile(90) / 1e3,
        micros.getValueAtPercentile(99) / 1e3,
        micros.getMaxValue() / 1e3,
        use.jvmCores(),
        use.otherCores(),
        loopCores);
  }

  /** The notifier's delivery loop thread of the webhook receiver. */
  static final String LOOP_THREAD = "alert-notifier-webhook";

  /** The CPU time of the threads with one name, in cores over the measured wall time. */
  private record ThreadCpu(String name, long cpuNanos, long wallNanos) {

    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();

    static ThreadCpu start(String name) {
      return new ThreadCpu(name, cpuNanos(name), System.nanoTime());
    }

    double stop() {
      long wall = System.nanoTime() - wallNanos;
      return (cpuNanos(name) - cpuNanos) / (double) wall;
    }

    private static long cpuNanos(String name) {
      long total = 0;
      for (java.lang.management.ThreadInfo info :
          THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
        if (info != null && info.getThreadName().equals(name)) {
          long cpu = THREADS.getThreadCpuTime(info.getThreadId());
          total += Math.max(0, cpu);
        }
      }
      return total;
    }
  }

  /**
   * Writes as the correlation engine's incidents arrive, each at once (linger 0), acknowledged by
   * the broker (acks=all, idempotent).
   */
  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-incidents");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(config);
  }

  /** A new open incident (so notify-on-change sends it), its ingest time now. */
  private Incident incident(String phase, int i) {
    return Incident.newBuilder(template)
        .setId("inc-" + CLUSTER + "-" + run + "-" + phase + "-" + i)
        .setIngestTime(Instant.now())
        .build();
  }

  private int payloadBytes() {
    return JsonMapper.builder()
        .build()
        .writeValueAsString(io.palisade.notify.webhook.WebhookPayload.of(template))
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }

  /** The generic webhook's fixture incident: 5 signals, 7 entities, CRITICAL, open. */
  private static Incident template() {
    // loading PalisadeSerde trusts io.palisade.avro for Avro's class check
    PalisadeTopics.withDefaultNames();
    try (InputStream in =
        NotifierLoadRun.class.getResourceAsStream("/workload/notifier/incident.avro.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // a v1 record, resolved to the current schema (later fields take their defaults)
      Schema written = PublishedSchemas.history("Incident").get(0);
      return new SpecificDatumReader<Incident>(written, Incident.getClassSchema())
          .read(null, DecoderFactory.get().jsonDecoder(written, json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the incident template", e);
    }
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private void say(String format, Object... args) {
    progress.printf(Locale.ROOT, "[notifier-load] " + format + "%n", args);
  }
}
