package io.palisade.correlation.correlate;

/** A storyline file that cannot be used: the message names the file, the storyline and why. */
public final class StorylineException extends RuntimeException {

  public StorylineException(String message) {
    super(message);
  }

  public StorylineException(String message, Throwable cause) {
    super(message, cause);
  }
}
