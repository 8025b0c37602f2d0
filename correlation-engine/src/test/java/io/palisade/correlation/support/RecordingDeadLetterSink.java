package io.palisade.correlation.support;

import io.palisade.correlation.deadletter.DeadLetterSink;
import io.palisade.schemas.DeadLetter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the dead letters it is given, for assertions. */
public final class RecordingDeadLetterSink implements DeadLetterSink {

  private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

  @Override
  public void accept(DeadLetter letter) {
    letters.add(letter);
  }

  public List<DeadLetter> letters() {
    return List.copyOf(letters);
  }
}
