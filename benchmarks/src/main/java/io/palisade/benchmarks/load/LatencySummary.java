package io.palisade.benchmarks.load;

import org.HdrHistogram.Histogram;

/** Request latencies in milliseconds, from an HdrHistogram recorded in microseconds. */
public record LatencySummary(double p50, double p90, double p99, double max, double mean) {

  static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new LatencySummary(0, 0, 0, 0, 0);
    }
    return new LatencySummary(
        micros.getValueAtPercentile(50) / 1e3,
        micros.getValueAtPercentile(90) / 1e3,
        micros.getValueAtPercentile(99) / 1e3,
        micros.getMaxValue() / 1e3,
        micros.getMean() / 1e3);
  }
}
