package io.palisade.correlation.deadletter;

import io.palisade.schemas.DeadLetter;

/** Where the engine puts input records it cannot decode. */
public interface DeadLetterSink {

  /**
   * Stores one dead letter, blocking until it is safely written.
   *
   * @throws RuntimeException when it could not be written
   */
  void accept(DeadLetter letter);
}
