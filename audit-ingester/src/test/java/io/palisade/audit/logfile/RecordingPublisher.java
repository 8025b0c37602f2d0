package io.palisade.audit.logfile;

import io.palisade.avro.AuditEvent;
import io.palisade.intake.Evidence;
import io.palisade.intake.PublishException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Kafka: keeps every batch it acknowledged; can be told to refuse the next batches
 * (as an unreachable broker does) or to take a batch and then "crash" before returning.
 */
final class RecordingPublisher implements BatchPublisher {

  /** Thrown to end the tailer's thread as abruptly as a kill would end the process. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash after Kafka acknowledged the batch");
    }
  }

  private final List<List<Evidence<AuditEvent>>> batches = new CopyOnWriteArrayList<>();
  private final List<List<String>> attempts = new CopyOnWriteArrayList<>();
  private volatile int failuresLeft;
  private volatile int crashOnBatch = -1;

  @Override
  public void publish(List<Evidence<AuditEvent>> batch) {
    attempts.add(ids(batch));
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new PublishException(
          "kafka-unavailable", "Kafka did not acknowledge within 4s (simulated)", null);
    }
    batches.add(List.copyOf(batch));
    if (batches.size() == crashOnBatch) {
      throw new SimulatedCrash();
    }
  }

  /** The next {@code count} batches are refused. */
  void failNext(int count) {
    failuresLeft = count;
  }

  /** The {@code n}th acknowledged batch (1-based) is kept, then the "process" dies. */
  void crashAfterBatch(int n) {
    crashOnBatch = n;
  }

  List<List<Evidence<AuditEvent>>> batches() {
    return List.copyOf(batches);
  }

  /** Every attempt, refused or not, as record ids. */
  List<List<String>> attempts() {
    return List.copyOf(attempts);
  }

  List<AuditEvent> events() {
    List<AuditEvent> events = new ArrayList<>();
    batches.forEach(batch -> batch.forEach(evidence -> events.add(evidence.value())));
    return events;
  }

  List<String> ids() {
    return events().stream().map(AuditEvent::getId).toList();
  }

  static List<String> ids(List<Evidence<AuditEvent>> batch) {
    return batch.stream().map(evidence -> evidence.value().getId()).toList();
  }
}
