package io.palisade.intake;

/** The request is larger than this intake accepts (answered with 413). */
public class RequestTooLargeException extends RuntimeException {

  private final String reason;

  public RequestTooLargeException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A stable, machine-readable reason, e.g. {@code body-too-large}. */
  public String reason() {
    return reason;
  }
}
