package io.palisade.intake;

/**
 * Why an intake did not accept a request: bad input ({@link InvalidEvidenceException}), input over
 * a limit ({@link RequestTooLargeException}) or Kafka not acknowledging ({@link PublishException}).
 * Each carries a stable, machine-readable {@link #reason()} that the error body and the rejection
 * metrics share.
 */
public abstract class IntakeRejection extends RuntimeException {

  private final String reason;

  protected IntakeRejection(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * A stable, machine-readable reason, e.g. {@code malformed-json} or {@code kafka-unavailable}.
   */
  public String reason() {
    return reason;
  }
}
