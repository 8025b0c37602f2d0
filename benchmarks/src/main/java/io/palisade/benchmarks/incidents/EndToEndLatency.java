package io.palisade.benchmarks.incidents;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.SignalSummary;
import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Part 2: the whole engine on the embedded broker. The detect app ({@code DetectionTopology} with
 * the Java detections and the built-in Sigma pack) and the correlate app ({@code IncidentTopology})
 * run as two Kafka Streams applications with the engine's settings; a producer with the intakes'
 * settings writes audit events to {@code palisade.audit.v1} open loop at a fixed rate (event
 * <i>i</i> is due at <i>start + i/rate</i>), mostly benign reads, one in {@code attackEvery} an
 * attack step. A read_committed consumer of {@code palisade.incidents.v1} finds, for every attack
 * step, the first incident version whose timeline holds its evidence id (the audit event's id,
 * which the signal carries): latency = that moment − the step's <b>intended</b> send time (so a
 * stalled producer counts against the engine, no coordinated omission).
 */
final class EndToEndLatency {

  /** Event time between the steps of one attacker's session. */
  static final double SESSION_SPACING_SECONDS = 2.0;

  /**
   * Attackers numbered from here do a first step only (while the first sessions' later steps wait).
   */
  private static final int EXTRA_SESSIONS = 100_000_000;

  private final IncidentBenchmarkSettings settings;
  private final PrintStream progress;

  EndToEndLatency(IncidentBenchmarkSettings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * @param rate events/s asked for
   * @param partitions partitions of every topic
   * @param sentPerSecond events/s the producer acknowledged in the measured phase
   * @param measuredEvents audit events due in the measured phase
   * @param attackSteps attack steps due in the measured phase
   * @param seen how many of them appeared in an incident version
   * @param p50Ms median latency
   * @param p90Ms 90th percentile
   * @param p99Ms 99th percentile
   * @param maxMs maximum
   * @param meanMs mean
   * @param maxSendLagMs the most the producer fell behind its schedule
   * @param incidentVersions incident records read (whole run)
   * @param mergedVersions of which MERGED
   * @param signals signals written by the detect app (whole run)
   * @param calibration what the calibration found
   * @param stepsPerSession attack steps per attacker
   * @param cpu cores used in the measured phase
   */
  record Result(
      int rate,
      int partitions,
      double sentPerSecond,
      long measuredEvents,
      long attackSteps,
      long seen,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs,
      double meanMs,
      double maxSendLagMs,
      long incidentVersions,
      long mergedVersions,
      long signals,
      AttackWorkload.Calibration calibration,
      int stepsPerSession,
      CpuMeter.CpuUse cpu) {}

  private record Pending(long intendedNanos, boolean measured) {}

  Result run() throws InterruptedException {
    PalisadeTopics topics = PalisadeTopics.withDefaultNames();
    progress.println("[incidents] latency: calibrating the attack steps (TopologyTestDriver)");
    AttackWorkload attacks = new AttackWorkload();
    AttackWorkload.Calibration calibration = attacks.calibrate();
    progress.printf(
        "[incidents] attack samples (lines) %s; %s%n",
        calibration.soloLines(), calibration.sessionCheck());
    List<AuditEvent> benign = AttackWorkload.benign(10_000, 20261128L);

    long warmupEvents = settings.warmup().toMillis() * settings.rate() / 1_000;
    long measuredEvents = settings.duration().toMillis() * settings.rate() / 1_000;
    long total = warmupEvents + measuredEvents;
    int every = settings.attackEvery();

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(topics.newTopics(settings.partitions(), (short) 1)).all().get();
      StreamsBuilder detect = new StreamsBuilder();
      DetectionTopology.build(detect, AttackWorkload.detection(topics));
      StreamsBuilder correlate = new StreamsBuilder();
      IncidentTopology.build(correlate, topics, CorrelationSettings.defaults());
      try (StreamsApp detectApp =
              new StreamsApp(detect.build(), "palisade-detect", broker.bootstrapServers());
          StreamsApp correlateApp =
              new StreamsApp(correlate.build(), "palisade-correlate", broker.bootstrapServers())) {
        detectApp.startAndAwaitRunning(Duration.ofMinutes(1));
        correlateApp.startAndAwaitRunning(Duration.ofMinutes(1));

        Map<String, Pending> pending = new ConcurrentHashMap<>();
        Histogram latencies = new Histogram(3_600_000_000L, 3); // µs, up to an hour
        AtomicLong versions = new AtomicLong();
        AtomicLong merged = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
        KafkaConsumer<String, Incident> consumer =
            new KafkaConsumer<>(
                CorrelationThroughput.consumerConfig(broker.bootstrapServers()),
                new StringDeserializer(),
                topics.incidents().valueSerde().deserializer());
        List<TopicPartition> partitions =
            consumer.partitionsFor(topics.incidents().name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread reader =
            new Thread(
                () -> {
                  try {
                    while (!stop.get()) {
                      for (ConsumerRecord<String, Incident> record :
                          consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        versions.incrementAndGet();
                        Incident incident = record.value();
                        if (incident.getStatus() == IncidentStatus.MERGED) {
                          merged.incrementAndGet();
                        }
                        for (SignalSummary signal : incident.getSignals()) {
                          Pending p = pending.remove(signal.getEvidence().getId());
                          if (p != null && p.measured()) {
                            synchronized (latencies) {
                              latencies.recordValue(Math.max(0, (now - p.intendedNanos()) / 1_000));
                            }
                            seen.incrementAndGet();
                          }
                        }
                      }
                    }
                  } catch (Throwable t) {
                    consumerFailure.set(t);
                  } finally {
                    consumer.close();
                  }
                },
                "load-incidents-reader");
        reader.start();

        progress.printf(
            "[incidents] latency: %,d events/s, warm-up %s, measured %s, one in %d an attack step%n",
            settings.rate(), settings.warmup(), settings.duration(), every);
        Serializer<AuditEvent> serializer = topics.audit().valueSerde().serializer();
        String auditTopic = topics.audit().name();
        long attackSteps = 0;
        long maxLag = 0;
        CpuMeter meter = null;
        long measuredStart = 0;
        long measuredAcked;
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                producerConfig(broker.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
          double nanosPerEvent = 1e9 / settings.rate();
          long start = System.nanoTime() + 100_000_000L;
          long ackedAtMeasuredStart = 0;
          // Steps of one session are SESSION_SPACING apart, so that each step's signals are in
          // an incident before the next step arrives (the Sigma signals of a first step take one
          // more exactly-once hop than the Java exec signals); sessions overlap in between.
          int steps = attacks.stepsPerSession();
          double slotsPerSecond = settings.rate() / (double) every;
          long lag =
              steps == 1
                  ? 0
                  : Math.max(1, (long) Math.ceil(SESSION_SPACING_SECONDS * slotsPerSecond / steps));
          long slot = 0;
          for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * nanosPerEvent);
            long now;
            while ((now = System.nanoTime()) < intended) {
              LockSupport.parkNanos(Math.min(intended - now, 500_000));
            }
            boolean measured = i >= warmupEvents;
            if (i == warmupEvents) {
              meter = CpuMeter.start();
              measuredStart = intended;
              ackedAtMeasuredStart = acked.get();
            }
            maxLag = measured ? Math.max(maxLag, now - intended) : maxLag;
            Instant time = Instant.now();
            String id = "bench-" + i;
            AuditEvent event;
            if (i % every == every / 2) {
              int step = (int) (slot % steps);
              long session = slot / steps - step * lag;
              event =
                  session >= 0
                      ? attacks.attackStep((int) session, step, id, time)
                      : attacks.attackStep((int) (EXTRA_SESSIONS + slot), 0, id, time);
              slot++;
              pending.put(id, new Pending(intended, measured));
              if (measured) {
                attackSteps++;
              }
            } else {
              event = benign.get((int) (i % benign.size()));
              event.setId(id);
              event.setAuditId(id);
              event.setEventTime(time);
              event.setIngestTime(time);
            }
            byte[] value = serializer.serialize(auditTopic, event);
            producer.send(
                new ProducerRecord<>(
                    auditTopic,
                    null,
                    time.toEpochMilli(),
                    AttackWorkload.keyOf(event).getBytes(StandardCharsets.UTF_8),
                    value),
                (metadata, error) -> {
                  if (error == null) {
                    acked.incrementAndGet();
                  }
                });
            if (i % 50_000 == 0) {
              detectApp.check();
              correlateApp.check();
            }
          }
          producer.flush();
          measuredAcked = acked.get() - ackedAtMeasuredStart;
        }
        double sentPerSecond = measuredAcked / ((System.nanoTime() - measuredStart) / 1e9);
        CpuMeter.CpuUse cpu = meter.stop();
        progress.printf(
            "[incidents] sent; waiting up to %s for the outstanding incidents%n", settings.drain());
        long drainUntil = System.nanoTime() + settings.drain().toNanos();
        while (seen.get() < attackSteps && System.nanoTime() < drainUntil) {
          detectApp.check();
          correlateApp.check();
          StreamsApp.sleep(100);
        }
        stop.set(true);
        reader.join(10_000);
        if (consumerFailure.get() != null) {
          throw new IllegalStateException("incident reader failed", consumerFailure.get());
        }
        long signals =
            CorrelationThroughput.countRecords(broker.bootstrapServers(), topics.signals().name());
        synchronized (latencies) {
          return new Result(
              settings.rate(),
              settings.partitions(),
              sentPerSecond,
              measuredEvents,
              attackSteps,
              seen.get(),
              ms(latencies.getValueAtPercentile(50)),
              ms(latencies.getValueAtPercentile(90)),
              ms(latencies.getValueAtPercentile(99)),
              ms(latencies.getMaxValue()),
              latencies.getMean() / 1_000.0,
              maxLag / 1e6,
              versions.get(),
              merged.get(),
              signals,
              calibration,
              attacks.stepsPerSession(),
              cpu);
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create the topics", e);
    }
  }

  private static double ms(long micros) {
    return micros / 1_000.0;
  }

  /** The intakes' producer settings (EvidencePublisher.connect): acks=all, idempotent, lz4. */
  static Map<String, Object> producerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "benchmark-audit-producer");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return config;
  }
}
