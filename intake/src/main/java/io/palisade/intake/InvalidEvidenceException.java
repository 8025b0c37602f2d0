package io.palisade.intake;

/** The input is not what the endpoint accepts; the message says what was wrong and where. */
public class InvalidEvidenceException extends IntakeRejection {

  public InvalidEvidenceException(String reason, String message) {
    super(reason, message, null);
  }
}
