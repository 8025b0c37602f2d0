package io.palisade.notify.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait before the next attempt: exponential from {@code initial}, doubling per failed
 * round, capped at {@code max}, then lengthened by a random share of up to {@code jitter} (0.2 = up
 * to 20 % longer) so that receivers recovering from an outage are not hit by every retry at once; a
 * longer Retry-After from the receiver wins, itself capped at {@code maxRetryAfter} so that a
 * confused receiver cannot park an incident for days.
 */
public record Backoff(
    Duration initial, Duration max, Duration maxRetryAfter, double jitter, Duration giveUpAfter) {

  /** Without jitter, never giving up. */
  public Backoff(Duration initial, Duration max, Duration maxRetryAfter) {
    this(initial, max, maxRetryAfter, 0, Duration.ZERO);
  }

  /**
   * Whether a delivery first attempted at {@code firstAttempt} has been retried long enough: never
   * when {@code giveUpAfter} is zero.
   */
  public boolean givesUp(java.time.Instant firstAttempt, java.time.Instant now) {
    return !giveUpAfter.isZero() && !now.isBefore(firstAttempt.plus(giveUpAfter));
  }

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max backoff " + max + " must not be below the initial backoff " + initial);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("max Retry-After must not be negative: " + maxRetryAfter);
    }
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("give-up-after must not be negative: " + giveUpAfter);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
  }

  /**
   * The delay after {@code failedRounds} (1 = the first failure) rounds of failed attempts, given
   * what the receiver asked for in the last one.
   */
  public Duration delayAfter(int failedRounds, Optional<Duration> retryAfter) {
    return delayAfter(
        failedRounds, retryAfter, java.util.concurrent.ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #delayAfter(int, Optional)}, with the random draw in [0, 1) given. */
  public Duration delayAfter(int failedRounds, Optional<Duration> retryAfter, double random) {
    Duration base = exponential(failedRounds);
    Duration exponential = base.plusNanos((long) (base.toNanos() * jitter * random));
    Duration requested =
        retryAfter
            .map(delay -> delay.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : delay)
            .orElse(Duration.ZERO);
    return requested.compareTo(exponential) > 0 ? requested : exponential;
  }

  Duration exponential(int failedRounds) {
    Duration delay = initial;
    for (int round = 1; round < failedRounds && delay.compareTo(max) < 0; round++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
