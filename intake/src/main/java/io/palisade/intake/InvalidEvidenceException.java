package io.palisade.intake;

/** The input is not what the endpoint accepts; the message says what was wrong and where. */
public class InvalidEvidenceException extends RuntimeException {

  private final String reason;

  public InvalidEvidenceException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A stable, machine-readable reason, e.g. {@code malformed-json} or {@code missing-field}. */
  public String reason() {
    return reason;
  }
}
