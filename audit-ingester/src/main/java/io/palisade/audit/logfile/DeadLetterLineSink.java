package io.palisade.audit.logfile;

import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.PublishException;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a refused log line to the dead-letter topic and returns only once Kafka acknowledged it, so
 * the checkpoint never passes a line that is neither published nor dead-lettered. A line that is
 * JSON is stored with its secret values redacted, as the webhook does.
 */
public final class DeadLetterLineSink implements RejectedLineSink {

  private final EvidencePublisher publisher;
  private final Topic<byte[], byte[]> deadLetterTopic;
  private final AuditRedactor redactor;
  private final JsonMapper json;
  private final String cluster;
  private final Duration ackTimeout;
  private final Clock clock;

  public DeadLetterLineSink(
      EvidencePublisher publisher,
      Topic<byte[], byte[]> deadLetterTopic,
      AuditRedactor redactor,
      JsonMapper json,
      String cluster,
      Duration ackTimeout,
      Clock clock) {
    this.publisher = publisher;
    this.deadLetterTopic = deadLetterTopic;
    this.redactor = redactor;
    this.json = json;
    this.cluster = cluster;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  @Override
  public void reject(RejectedLine line) {
    byte[] stored = line.bytes();
    String message = line.message();
    try {
      JsonNode parsed = json.readTree(stored);
      JsonNode redacted = redactor.redactAnywhere(parsed);
      if (redacted != parsed) {
        stored = json.writeValueAsBytes(redacted);
        message += " (stored as JSON with its secret values redacted)";
      }
    } catch (JacksonException notJson) {
      // kept as it is: bytes that are not JSON cannot be redacted
    }
    DeadLetter letter =
        DeadLetter.ofInput(
            "logfile " + line.file() + "@" + line.offset(),
            stored,
            AuditEvidence.SERVICE,
            line.reason(),
            message,
            clock.instant());
    try {
      publisher
          .sendRaw(letter.toProducerRecord(deadLetterTopic, cluster))
          .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishException(
          "kafka-unavailable",
          "the dead letter of " + letter.origin() + " was not acknowledged",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted", "interrupted while dead-lettering", e);
    }
  }
}
