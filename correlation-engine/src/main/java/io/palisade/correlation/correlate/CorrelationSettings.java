package io.palisade.correlation.correlate;

import io.palisade.avro.EntityKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How signals are linked into incidents.
 *
 * @param window two signals that share a linking entity are linked when their event times are at
 *     most this far apart (inclusive)
 * @param linkingKinds the entity kinds that link (a shared NAMESPACE or IMAGE alone does not)
 * @param retention how long, in event time, the entity index and the seen-signal ids are kept: the
 *     bound for out-of-order arrival and for recognising a duplicate; at least twice the window
 * @param timelineLimit how many signals an incident lists (the earliest by event time)
 */
public record CorrelationSettings(
    Duration window, Set<EntityKind> linkingKinds, Duration retention, int timelineLimit) {

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
  public static final Set<EntityKind> DEFAULT_LINKING_KINDS =
      Set.copyOf(EnumSet.of(EntityKind.POD, EntityKind.ACTOR, EntityKind.SERVICE_ACCOUNT));
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
  public static final int DEFAULT_TIMELINE_LIMIT = 50;

  public CorrelationSettings {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(retention, "retention");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("correlation window must be positive, was " + window);
    }
    if (linkingKinds == null || linkingKinds.isEmpty()) {
      throw new IllegalArgumentException("at least one linking entity kind is needed");
    }
    if (retention.compareTo(window.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "correlation retention " + retention + " must be at least twice the window " + window);
    }
    if (timelineLimit < 1) {
      throw new IllegalArgumentException("timeline limit must be at least 1, was " + timelineLimit);
    }
    linkingKinds = Set.copyOf(linkingKinds);
  }

  public static CorrelationSettings defaults() {
    return new CorrelationSettings(
        DEFAULT_WINDOW, DEFAULT_LINKING_KINDS, DEFAULT_RETENTION, DEFAULT_TIMELINE_LIMIT);
  }

  /** The same settings with another window (and a retention that still fits it). */
  public CorrelationSettings withWindow(Duration newWindow) {
    Duration minimum = newWindow.multipliedBy(2);
    return new CorrelationSettings(
        newWindow,
        linkingKinds,
        retention.compareTo(minimum) < 0 ? minimum : retention,
        timelineLimit);
  }
}
