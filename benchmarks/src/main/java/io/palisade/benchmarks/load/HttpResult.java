package io.palisade.benchmarks.load;

import java.time.Duration;
import java.util.Map;

/**
 * What the HTTP clients achieved in the measured phase.
 *
 * @param requests requests answered 200
 * @param events evidence records in those requests
 * @param failures requests not answered 200, by status (0 for no answer at all)
 * @param firstFailure what went wrong first, or null
 * @param elapsed from the first request to the last answer
 * @param latency per-request latency of the successful requests
 */
public record HttpResult(
    long requests,
    long events,
    Map<Integer, Long> failures,
    String firstFailure,
    Duration elapsed,
    LatencySummary latency) {

  public HttpResult {
    failures = Map.copyOf(failures);
  }

  public long failedRequests() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  public double eventsPerSecond() {
    return events / seconds();
  }

  public double requestsPerSecond() {
    return requests / seconds();
  }

  private double seconds() {
    return Math.max(1, elapsed.toNanos()) / 1e9;
  }
}
