package io.palisade.runtime.http;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.Evidence;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.runtime.falco.FalcoAlertReader;
import io.palisade.runtime.falco.InternalMessages;
import io.palisade.runtime.falco.NdjsonLines;
import io.palisade.runtime.falco.RuntimeEvidence;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.Topic;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Falco alerts, start to end: parse, normalise, publish security alerts, count Falco's internal
 * messages instead of publishing them, and return only once Kafka has acknowledged every record, so
 * that a 200 means the alerts are durable.
 */
public final class FalcoIntake {

  /** Where dead letters of NDJSON lines say they came from; the line number is appended. */
  static final String LINE_ORIGIN = "POST /v1/falco line ";

  private final FalcoAlertReader reader;
  private final FalcoAlertNormalizer normalizer;
  private final EvidencePublisher publisher;
  private final Topic<String, RuntimeAlert> topic;
  private final Topic<byte[], byte[]> deadLetterTopic;
  private final String cluster;
  private final Clock clock;

  public FalcoIntake(
      FalcoAlertNormalizer normalizer,
      EvidencePublisher publisher,
      Topic<String, RuntimeAlert> topic,
      Topic<byte[], byte[]> deadLetterTopic,
      String cluster,
      Clock clock) {
    this(new FalcoAlertReader(), normalizer, publisher, topic, deadLetterTopic, cluster, clock);
  }

  public FalcoIntake(
      FalcoAlertReader reader,
      FalcoAlertNormalizer normalizer,
      EvidencePublisher publisher,
      Topic<String, RuntimeAlert> topic,
      Topic<byte[], byte[]> deadLetterTopic,
      String cluster,
      Clock clock) {
    this.reader = reader;
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.topic = topic;
    this.deadLetterTopic = deadLetterTopic;
    this.cluster = cluster;
    this.clock = clock;
  }

  /**
   * One alert ({@code http_output} or Falcosidekick): published unless it is internal. An invalid
   * alert is refused as a whole ({@link InvalidEvidenceException}, a 400).
   */
  public Outcome accept(byte[] body) {
    RuntimeAlert alert = normalizer.normalize(reader.read(body), cluster, clock.instant());
    Outcome outcome = new Outcome();
    outcome.add(alert);
    publish(outcome, false);
    return outcome;
  }

  /**
   * NDJSON ({@code json_output} lines): every valid line is published (or counted, if internal),
   * every invalid one becomes a dead letter naming its line, and all of them are acknowledged
   * together: one bad line never loses its neighbours.
   */
  public Outcome acceptLines(byte[] body) {
    List<NdjsonLines.Line> lines = NdjsonLines.split(body);
    if (lines.isEmpty()) {
      throw new InvalidEvidenceException(
          "empty-body", "the body has no lines: send one Falco JSON alert per line");
    }
    Instant now = clock.instant();
    Outcome outcome = new Outcome();
    for (NdjsonLines.Line line : lines) {
      try {
        outcome.add(normalizer.normalize(reader.read(line), cluster, now));
      } catch (InvalidEvidenceException e) {
        outcome.deadLetters.add(
            DeadLetter.ofInput(
                LINE_ORIGIN + line.number(),
                line.bytes(),
                RuntimeEvidence.SERVICE,
                e.reason(),
                e.getMessage(),
                now));
      }
    }
    publish(outcome, true);
    return outcome;
  }

  /**
   * @param deadLetterOversized whether an alert too large to publish becomes a dead letter (a line
   *     of a batch) or refuses the request (413 {@code event-too-large}, a request of one alert)
   */
  private void publish(Outcome outcome, boolean deadLetterOversized) {
    if (outcome.published.isEmpty() && outcome.deadLetters.isEmpty()) {
      return;
    }
    List<Evidence<RuntimeAlert>> evidence = new ArrayList<>(outcome.published.size());
    for (RuntimeAlert alert : outcome.published) {
      evidence.add(RuntimeEvidence.of(alert, topic.eventType()));
    }
    List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    for (DeadLetter deadLetter : outcome.deadLetters) {
      deadLetters.add(deadLetter.toProducerRecord(deadLetterTopic, cluster));
    }
    Instant now = clock.instant();
    publisher.publishAll(
        topic,
        evidence,
        deadLetters,
        deadLetterOversized
            ? (tooLarge, value, message) -> {
              outcome.published.remove(tooLarge.value());
              DeadLetter deadLetter =
                  DeadLetter.ofInput(
                      "alert " + tooLarge.value().getId(),
                      value,
                      RuntimeEvidence.SERVICE,
                      "event-too-large",
                      message + "; the dead letter keeps the start of its Avro record",
                      now);
              outcome.deadLetters.add(deadLetter);
              return deadLetter.toProducerRecord(deadLetterTopic, cluster);
            }
            : null);
  }

  /** What one request led to, once Kafka acknowledged it. */
  public static final class Outcome {

    private final List<RuntimeAlert> published = new ArrayList<>();
    private final List<RuntimeAlert> internal = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    private void add(RuntimeAlert alert) {
      (InternalMessages.isInternal(alert) ? internal : published).add(alert);
    }

    /** Security alerts, as published. */
    public List<RuntimeAlert> published() {
      return List.copyOf(published);
    }

    /** Falco's internal messages: counted, not published. */
    public List<RuntimeAlert> internal() {
      return List.copyOf(internal);
    }

    /** Lines that were refused and written to the dead-letter topic. */
    public List<DeadLetter> deadLetters() {
      return List.copyOf(deadLetters);
    }
  }
}
