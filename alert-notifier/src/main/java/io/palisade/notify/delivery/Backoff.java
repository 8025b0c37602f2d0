package io.palisade.notify.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long to wait before the next attempt: exponential from {@code initial}, doubling per failed
 * round, capped at {@code max}; a longer Retry-After from the receiver wins, itself capped at
 * {@code maxRetryAfter} so that a confused receiver cannot park an incident for days.
 */
public record Backoff(Duration initial, Duration max, Duration maxRetryAfter) {

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
  }

  /**
   * The delay after {@code failedRounds} (1 = the first failure) rounds of failed attempts, given
   * what the receiver asked for in the last one.
   */
  public Duration delayAfter(int failedRounds, Optional<Duration> retryAfter) {
    Duration exponential = exponential(failedRounds);
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
