package io.palisade.admission.publish;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Says at most once per interval how many decisions were lost, so that a Kafka outage at 1,000
 * reviews per second is one log line every few seconds, not a thousand per second. Each loss is
 * counted in a metric by the caller; this only paces the log. Thread-safe and lock-free.
 */
final class LossReport {

  /**
   * What is logged: losses since the previous report, of each kind.
   *
   * @param dropped not handed to Kafka (too many in flight, or shutting down)
   * @param failed handed to Kafka, which refused them or did not acknowledge them in time
   * @param lastUid the request uid of the latest loss
   * @param lastReason why the latest was lost
   */
  record Summary(long dropped, long failed, String lastUid, String lastReason) {}

  /** Receives the summaries; in production a WARN log line. */
  interface Sink {
    void report(Summary summary);
  }

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sink sink;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong nextReport;

  LossReport(Duration interval, LongSupplier nanoTime, Sink sink) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.sink = sink;
    this.nextReport = new AtomicLong(nanoTime.getAsLong());
  }

  void dropped(String uid, String reason) {
    dropped.incrementAndGet();
    reportIfDue(uid, reason);
  }

  void failed(String uid, String reason) {
    failed.incrementAndGet();
    reportIfDue(uid, reason);
  }

  private void reportIfDue(String uid, String reason) {
    long due = nextReport.get();
    long now = nanoTime.getAsLong();
    if (now - due >= 0 && nextReport.compareAndSet(due, now + intervalNanos)) {
      sink.report(new Summary(dropped.getAndSet(0), failed.getAndSet(0), uid, reason));
    }
  }
}
