package io.palisade.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * What every intake counts, the same way in each service (each service has its own registry):
 *
 * <ul>
 *   <li>{@code palisade.intake.requests.received}: requests to intake endpoints
 *   <li>{@code palisade.intake.requests.rejected{reason}}: requests answered with an error, by the
 *       {@code reason} of the error body (401, 4xx, 503)
 *   <li>{@code palisade.intake.events.accepted{topic}}: records Kafka acknowledged
 *   <li>{@code palisade.intake.dead.letters{reason}}: refused parts of requests (events, lines)
 *       written to the dead-letter topic while their neighbours were published
 *   <li>{@code palisade.intake.batch.size{topic}}: records per published request
 *   <li>{@code palisade.intake.publish.duration{topic,outcome}}: from the first send until Kafka
 *       acknowledged the whole request ({@code acknowledged}) or it gave up ({@code failed})
 * </ul>
 *
 * Tags only take values from closed sets (configured topics, Palisade's reasons): senders cannot
 * create series at will.
 */
public final class IntakeMetrics {

  private final MeterRegistry registry;
  private final Counter received;

  public IntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received =
        Counter.builder("palisade.intake.requests.received")
            .description("Requests to intake endpoints")
            .register(registry);
  }

  /** Metrics that go nowhere, for code that runs without a registry. */
  public static IntakeMetrics unregistered() {
    return new IntakeMetrics(new SimpleMeterRegistry());
  }

  public void received() {
    received.increment();
  }

  public void rejected(String reason) {
    Counter.builder("palisade.intake.requests.rejected")
        .description("Intake requests answered with an error, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Parts of a request written to the dead-letter topic, by the reason they were refused. */
  public void deadLettered(String reason, int count) {
    Counter.builder("palisade.intake.dead.letters")
        .description("Refused parts of requests written to the dead-letter topic, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment(count);
  }

  void published(String topic, int records, Duration took) {
    Counter.builder("palisade.intake.events.accepted")
        .description("Records published to Kafka and acknowledged")
        .tag("topic", topic)
        .register(registry)
        .increment(records);
    DistributionSummary.builder("palisade.intake.batch.size")
        .description("Records per published request")
        .baseUnit("records")
        .tag("topic", topic)
        .serviceLevelObjectives(1, 10, 50, 100, 200, 400, 1000, 5000)
        .register(registry)
        .record(records);
    publishTimer(topic, "acknowledged").record(took);
  }

  void publishFailed(String topic, Duration took) {
    publishTimer(topic, "failed").record(took);
  }

  private Timer publishTimer(String topic, String outcome) {
    return Timer.builder("palisade.intake.publish.duration")
        .description("Time until Kafka acknowledged every record of a request")
        .tag("topic", topic)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }
}
