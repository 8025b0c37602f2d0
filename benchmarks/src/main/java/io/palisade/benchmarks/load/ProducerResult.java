package io.palisade.benchmarks.load;

import java.time.Duration;

/**
 * What the raw producer achieved in its measured phase.
 *
 * @param records records acknowledged by Kafka
 * @param payloadBytes key + value bytes of those records (uncompressed, without headers)
 * @param elapsed from the first send to the last acknowledgement
 * @param failures records Kafka did not acknowledge
 */
public record ProducerResult(long records, long payloadBytes, Duration elapsed, long failures) {

  public double recordsPerSecond() {
    return records / seconds();
  }

  public double megabytesPerSecond() {
    return payloadBytes / 1e6 / seconds();
  }

  private double seconds() {
    return Math.max(1, elapsed.toNanos()) / 1e9;
  }
}
