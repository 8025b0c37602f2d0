package io.palisade.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket for one receiver: {@code perSecond} messages per second on average, bursts of up
 * to {@code max(1, perSecond)}. Slack allows about one message per second per webhook, Teams
 * Workflows about four, PagerDuty about two per routing key. Not thread-safe: one per delivery
 * loop.
 */
public final class RateLimit {

  private final double perSecond;
  private final double capacity;
  private double tokens;
  private Instant refilled;

  public RateLimit(double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("a rate limit must be positive, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond);
    this.tokens = capacity;
  }

  /** Takes a token at {@code now}: empty when granted, else when the next one will be there. */
  public Optional<Instant> take(Instant now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return Optional.empty();
    }
    long nanos = (long) Math.ceil((1 - tokens) / perSecond * 1_000_000_000L);
    return Optional.of(now.plus(Duration.ofNanos(nanos)));
  }

  private void refill(Instant now) {
    if (refilled != null && now.isAfter(refilled)) {
      double seconds = Duration.between(refilled, now).toNanos() / 1e9;
      tokens = Math.min(capacity, tokens + seconds * perSecond);
    }
    if (refilled == null || now.isAfter(refilled)) {
      refilled = now;
    }
  }

  public double perSecond() {
    return perSecond;
  }
}
