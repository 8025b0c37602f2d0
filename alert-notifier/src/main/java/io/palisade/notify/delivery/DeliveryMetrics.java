package io.palisade.notify.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.palisade.notify.receiver.DeliveryResult;
import java.time.Duration;

/**
 * The notifier's meters: attempts by receiver and outcome ({@code delivered}, {@code retrying},
 * {@code failed}), how long an attempt took, how long an incident version waited from being
 * produced to being delivered, dead letters and delivery-log write failures.
 */
public final class DeliveryMetrics {

  static final String ATTEMPTS = "palisade.notifier.deliveries";
  static final String ATTEMPT_DURATION = "palisade.notifier.delivery.duration";
  static final String LATENCY = "palisade.notifier.delivery.latency";
  static final String DEAD_LETTERS = "palisade.notifier.dead.letters";
  static final String LOG_FAILURES = "palisade.notifier.delivery.log.failures";

  private final MeterRegistry registry;
  private final Counter deadLetters;
  private final Counter logFailures;

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.deadLetters =
        Counter.builder(DEAD_LETTERS)
            .description("Unreadable incident records sent to the dead-letter topic")
            .register(registry);
    this.logFailures =
        Counter.builder(LOG_FAILURES)
            .description("Delivery-log records Kafka did not accept")
            .register(registry);
  }

  void attempt(String receiver, DeliveryResult result, Duration took) {
    String outcome = outcome(result);
    Counter.builder(ATTEMPTS)
        .description("Delivery attempts by receiver and outcome")
        .tag("receiver", receiver)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder(ATTEMPT_DURATION)
        .description("How long one delivery attempt took")
        .tag("receiver", receiver)
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
  }

  void delivered(String receiver, Duration sinceIncidentVersion) {
    Timer.builder(LATENCY)
        .description("From an incident version being produced to its delivery")
        .tag("receiver", receiver)
        .register(registry)
        .record(sinceIncidentVersion.isNegative() ? Duration.ZERO : sinceIncidentVersion);
  }

  void deadLettered() {
    deadLetters.increment();
  }

  void logWriteFailed() {
    logFailures.increment();
  }

  static String outcome(DeliveryResult result) {
    if (result.delivered()) {
      return "delivered";
    }
    return result.retryable() ? "retrying" : "failed";
  }
}
