package io.palisade.benchmarks.admission;

import java.time.Duration;

/**
 * One phase of open-loop load at a fixed rate.
 *
 * @param rate the intended requests per second
 * @param duration how long requests were due
 * @param sent requests sent
 * @param succeeded answered 200 with an AdmissionReview
 * @param failed anything else, including requests still unanswered after the drain
 * @param sentPerSecond the rate at which requests actually went out
 * @param latency from each request's intended send time to its answer
 * @param firstFailure what the first failure was, or null
 */
public record RateResult(
    int rate,
    Duration duration,
    long sent,
    long succeeded,
    long failed,
    double sentPerSecond,
    LatencyMillis latency,
    String firstFailure) {

  /**
   * Whether the rate was sustained within the latency limit: no failure, the requests went out at
   * (at least 99 % of) the intended rate, and p99 below the limit.
   */
  public boolean sustained(double p99LimitMillis) {
    return failed == 0 && sentPerSecond >= rate * 0.99 && latency.p99() < p99LimitMillis;
  }
}
