package io.palisade.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery state of the record at the head of one partition while it is being retried: which
 * receivers still wait for it, how many attempts each made, and when to try again. Every receiver
 * is tried once per round; a round in which any receiver failed retryably schedules another round
 * for those receivers only.
 */
final class PendingDelivery {

  private final long offset;
  private final Set<String> awaiting;
  private final Map<String, Integer> attempts = new HashMap<>();
  private int failedRounds;
  private boolean roundFailed;
  private Duration roundRetryAfter;
  private Instant retryAt = Instant.MIN;
  private Instant deferredUntil;
  private final Map<String, Instant> firstAttempt = new HashMap<>();
  private final Map<String, String> reasons = new HashMap<>();

  PendingDelivery(long offset, List<String> receivers) {
    this.offset = offset;
    this.awaiting = new LinkedHashSet<>(receivers);
  }

  long offset() {
    return offset;
  }

  boolean awaits(String receiver) {
    return awaiting.contains(receiver);
  }

  /** Notes why {@code receiver} is notified of this record (for the delivery log). */
  void because(String receiver, String reason) {
    reasons.put(receiver, reason);
  }

  /** Why {@code receiver} is notified of this record, null when unknown. */
  String reason(String receiver) {
    return reasons.get(receiver);
  }

  /** When the first attempt to this receiver was made (recorded by the first {@link #started}). */
  Instant firstAttempt(String receiver) {
    return firstAttempt.get(receiver);
  }

  /** Notes that an attempt to {@code receiver} starts at {@code now}. */
  void started(String receiver, Instant now) {
    firstAttempt.putIfAbsent(receiver, now);
  }

  /** Counts and returns the number of the attempt about to be made (1 for the first). */
  int nextAttempt(String receiver) {
    return attempts.merge(receiver, 1, Integer::sum);
  }

  /** The receiver is done with this record: delivered, or rejected for good. */
  void finished(String receiver) {
    awaiting.remove(receiver);
  }

  /** The receiver failed in a way worth retrying; {@code retryAfter} is what it asked for. */
  void retryLater(Optional<Duration> retryAfter) {
    roundFailed = true;
    retryAfter.ifPresent(
        delay -> {
          if (roundRetryAfter == null || delay.compareTo(roundRetryAfter) > 0) {
            roundRetryAfter = delay;
          }
        });
  }

  /**
   * A receiver was not tried this round because its rate limit allows the next message only at
   * {@code at}; not a failure, so the backoff does not grow.
   */
  void deferUntil(Instant at) {
    if (deferredUntil == null || at.isAfter(deferredUntil)) {
      deferredUntil = at;
    }
  }

  /**
   * Ends a round of attempts: empty when every receiver is done (the record can be committed),
   * otherwise the instant of the next round.
   */
  Optional<Instant> endRound(Instant now, Backoff backoff) {
    if (awaiting.isEmpty() || (!roundFailed && deferredUntil == null)) {
      return Optional.empty();
    }
    if (roundFailed) {
      failedRounds++;
      retryAt = now.plus(backoff.delayAfter(failedRounds, Optional.ofNullable(roundRetryAfter)));
    } else {
      retryAt = Instant.MIN;
    }
    if (deferredUntil != null && deferredUntil.isAfter(retryAt)) {
      retryAt = deferredUntil;
    }
    roundFailed = false;
    roundRetryAfter = null;
    deferredUntil = null;
    return Optional.of(retryAt);
  }

  Instant retryAt() {
    return retryAt;
  }
}
