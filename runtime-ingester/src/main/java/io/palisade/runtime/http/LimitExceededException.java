package io.palisade.runtime.http;

/** The request is larger than this intake accepts (answered with 413). */
public class LimitExceededException extends RuntimeException {

  private final String reason;

  public LimitExceededException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A stable, machine-readable reason, e.g. {@code body-too-large}. */
  public String reason() {
    return reason;
  }
}
