package io.palisade.correlation.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * How Sigma matches become signals.
 *
 * @param repeatWindow identical matches (same rule, same entities) within this event-time window of
 *     the first are aggregated into one follow-up signal with a count (default 60 s)
 * @param grace how late (event time behind the stream's latest) a match may arrive and still count
 *     towards correlation rules (default 30 s)
 * @param evidenceCap at most this many evidence ids on an aggregated or correlation signal (default
 *     20)
 * @param allowList trusted users, namespaces and images whose matches are suppressed
 */
public record DetectionSettings(
    Duration repeatWindow, Duration grace, int evidenceCap, AllowList allowList) {

  public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofSeconds(60);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  public static final int DEFAULT_EVIDENCE_CAP = 20;

  public DetectionSettings {
    Objects.requireNonNull(repeatWindow, "repeatWindow");
    Objects.requireNonNull(grace, "grace");
    if (repeatWindow.isNegative() || grace.isNegative()) {
      throw new IllegalArgumentException("repeat window and grace must not be negative");
    }
    if (evidenceCap < 1) {
      throw new IllegalArgumentException("evidence cap must be at least 1, not " + evidenceCap);
    }
    allowList = allowList == null ? AllowList.none() : allowList;
  }

  public static DetectionSettings defaults() {
    return new DetectionSettings(
        DEFAULT_REPEAT_WINDOW, DEFAULT_GRACE, DEFAULT_EVIDENCE_CAP, AllowList.none());
  }
}
