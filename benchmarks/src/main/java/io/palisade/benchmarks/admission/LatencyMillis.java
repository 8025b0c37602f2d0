package io.palisade.benchmarks.admission;

import org.HdrHistogram.Histogram;

/** Latencies in milliseconds, from an HdrHistogram recorded in microseconds. */
public record LatencyMillis(double p50, double p90, double p99, double p999, double max) {

  static LatencyMillis of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new LatencyMillis(0, 0, 0, 0, 0);
    }
    return new LatencyMillis(
        micros.getValueAtPercentile(50) / 1e3,
        micros.getValueAtPercentile(90) / 1e3,
        micros.getValueAtPercentile(99) / 1e3,
        micros.getValueAtPercentile(99.9) / 1e3,
        micros.getMaxValue() / 1e3);
  }
}
