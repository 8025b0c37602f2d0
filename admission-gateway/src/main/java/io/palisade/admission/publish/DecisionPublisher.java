package io.palisade.admission.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.AdmissionDecision;
import io.palisade.intake.Evidence;
import io.palisade.intake.EvidencePublisher;
import io.palisade.schemas.Topic;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes admission decisions without ever making the admission response wait for Kafka.
 *
 * <p>{@link #publish} only takes a permit and hands the record to a sender thread: even {@code
 * KafkaProducer.send} can block (metadata, full buffer), so it never runs on the request thread. At
 * most {@code maxInFlight} decisions are queued or unacknowledged at once; beyond that a decision
 * is dropped and counted ({@code palisade.admission.publish{outcome=dropped}}). Kafka failures are
 * counted ({@code outcome=failed}), never thrown. Both kinds of loss are logged at WARN at most
 * once per {@value #LOSS_LOG_INTERVAL_SECONDS} s, with how many were lost since the last line.
 * Nothing needs resetting after an outage: each decision is sent on its own, so the first one after
 * Kafka is back is published.
 */
public final class DecisionPublisher implements AutoCloseable {

  static final String METRIC = "palisade.admission.publish";
  static final long LOSS_LOG_INTERVAL_SECONDS = 10;
  private static final Logger log = LoggerFactory.getLogger(DecisionPublisher.class);

  private final EvidencePublisher kafka;
  private final Topic<String, AdmissionDecision> topic;
  private final ExecutorService sender;
  private final Duration drainTimeout;
  private final Semaphore permits;
  private final int maxInFlight;
  private final Counter published;
  private final Counter failed;
  private final Counter dropped;
  private final LossReport losses;

  /**
   * @param sender runs the Kafka sends; owned (and shut down) by this publisher
   * @param drainTimeout how long {@link #close} lets queued decisions reach Kafka
   */
  public DecisionPublisher(
      EvidencePublisher kafka,
      Topic<String, AdmissionDecision> topic,
      ExecutorService sender,
      int maxInFlight,
      Duration drainTimeout,
      MeterRegistry meters) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    this.kafka = kafka;
    this.topic = topic;
    this.sender = sender;
    this.drainTimeout = drainTimeout;
    this.maxInFlight = maxInFlight;
    this.permits = new Semaphore(maxInFlight);
    this.published = outcome(meters, "published");
    this.failed = outcome(meters, "failed");
    this.dropped = outcome(meters, "dropped");
    this.losses =
        new LossReport(
            Duration.ofSeconds(LOSS_LOG_INTERVAL_SECONDS), System::nanoTime, this::logLosses);
    Gauge.builder(METRIC + ".in.flight", this, DecisionPublisher::inFlight)
        .description("Admission decisions queued or awaiting Kafka's acknowledgement")
        .register(meters);
  }

  /** Hands the decision over for publishing and returns at once; never throws. */
  public void publish(Evidence<AdmissionDecision> decision) {
    if (!permits.tryAcquire()) {
      drop(decision, "too many decisions in flight");
      return;
    }
    try {
      sender.execute(() -> send(decision));
    } catch (RejectedExecutionException e) {
      permits.release();
      drop(decision, "the publisher is shutting down");
    }
  }

  /** Decisions queued or not yet acknowledged by Kafka. */
  public int inFlight() {
    return maxInFlight - permits.availablePermits();
  }

  private void send(Evidence<AdmissionDecision> decision) {
    CompletableFuture<Void> ack;
    try {
      ack = kafka.send(topic, decision);
    } catch (RuntimeException e) {
      ack = CompletableFuture.failedFuture(e);
    }
    ack.whenComplete(
        (ok, error) -> {
          permits.release();
          if (error == null) {
            published.increment();
          } else {
            failed.increment();
            losses.failed(decision.value().getId(), String.valueOf(error.getMessage()));
          }
        });
  }

  private void drop(Evidence<AdmissionDecision> decision, String why) {
    dropped.increment();
    losses.dropped(decision.value().getId(), why);
  }

  private void logLosses(LossReport.Summary summary) {
    log.atWarn()
        .addKeyValue("admission.uid", summary.lastUid())
        .addKeyValue("kafka.topic", topic.name())
        .addKeyValue("dropped.count", summary.dropped())
        .addKeyValue("failed.count", summary.failed())
        .log(
            "admission decisions not published to Kafka since the last report: {} dropped, {}"
                + " failed (latest: {}); admission answers are not affected",
            summary.dropped(),
            summary.failed(),
            summary.lastReason());
  }

  /**
   * Stops accepting decisions, lets queued ones reach the producer for up to the drain timeout,
   * then closes the producer (which flushes what it holds for a few more seconds).
   */
  @Override
  public void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      sender.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      kafka.close();
    }
  }

  private static Counter outcome(MeterRegistry meters, String outcome) {
    return Counter.builder(METRIC)
        .description("Admission decisions handed to Kafka, by outcome")
        .tag("outcome", outcome)
        .register(meters);
  }
}
