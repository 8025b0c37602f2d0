package io.palisade.intake;

/**
 * Kafka did not acknowledge what was published in time, or refused it. The caller must not claim
 * the evidence was accepted; HTTP intakes answer 503 so that the sender retries.
 */
public class PublishException extends IntakeRejection {

  public PublishException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
