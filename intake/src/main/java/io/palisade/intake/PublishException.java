package io.palisade.intake;

/**
 * Kafka did not acknowledge what was published in time, or refused it. The caller must not claim
 * the evidence was accepted; HTTP intakes answer 503 so that the sender retries.
 */
public class PublishException extends RuntimeException {

  private final String reason;

  public PublishException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A stable, machine-readable reason, e.g. {@code kafka-unavailable}. */
  public String reason() {
    return reason;
  }
}
