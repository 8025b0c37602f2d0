package io.palisade.intake;

/** The request is larger than this intake accepts (answered with 413). */
public class RequestTooLargeException extends IntakeRejection {

  public RequestTooLargeException(String reason, String message) {
    super(reason, message, null);
  }
}
