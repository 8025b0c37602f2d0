package io.palisade.audit.logfile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tailer's meters, all named {@code palisade.audit.logfile.*}: lines read, events published,
 * malformed lines by reason, rotations followed by kind ({@code rename} or {@code truncate}),
 * failed publish attempts, checkpointed files that were gone on restart, and two gauges: the
 * checkpoint offset and the lag (bytes of the current file not yet acknowledged).
 */
public final class LogFileMetrics {

  private final MeterRegistry registry;
  private final Counter linesRead;
  private final Counter eventsPublished;
  private final Counter publishFailures;
  private final Counter filesMissed;
  private final AtomicLong checkpointOffset = new AtomicLong();
  private final AtomicLong lagBytes = new AtomicLong();

  public LogFileMetrics(MeterRegistry registry) {
    this.registry = registry;
    linesRead =
        Counter.builder("palisade.audit.logfile.lines.read")
            .description("Lines read from the audit log file")
            .register(registry);
    eventsPublished =
        Counter.builder("palisade.audit.logfile.events.published")
            .description("Audit events from the log file acknowledged by Kafka")
            .register(registry);
    publishFailures =
        Counter.builder("palisade.audit.logfile.publish.failures")
            .description("Batches Kafka did not acknowledge (each is retried)")
            .register(registry);
    filesMissed =
        Counter.builder("palisade.audit.logfile.files.missed")
            .description("Checkpointed files that no longer existed when the tailer resumed")
            .register(registry);
    Gauge.builder("palisade.audit.logfile.checkpoint.offset", checkpointOffset, AtomicLong::get)
        .description("Byte offset of the last checkpoint in its file")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("palisade.audit.logfile.lag", lagBytes, AtomicLong::get)
        .description("Bytes of the current file not yet acknowledged by Kafka")
        .baseUnit("bytes")
        .register(registry);
    for (String kind : new String[] {"rename", "truncate"}) {
      rotations(kind); // visible at 0 before the first rotation
    }
  }

  void linesRead(int lines) {
    linesRead.increment(lines);
  }

  void eventsPublished(int events) {
    eventsPublished.increment(events);
  }

  void publishFailed() {
    publishFailures.increment();
  }

  void fileMissed() {
    filesMissed.increment();
  }

  void malformed(String reason) {
    Counter.builder("palisade.audit.logfile.lines.malformed")
        .description("Lines that were not valid audit events, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void rotated(String kind) {
    rotations(kind).increment();
  }

  void checkpoint(long offset) {
    checkpointOffset.set(offset);
  }

  void lag(long bytes) {
    lagBytes.set(bytes);
  }

  private Counter rotations(String kind) {
    return Counter.builder("palisade.audit.logfile.rotations")
        .description("Rotations of the audit log file followed, by kind")
        .tag("kind", kind)
        .register(registry);
  }
}
