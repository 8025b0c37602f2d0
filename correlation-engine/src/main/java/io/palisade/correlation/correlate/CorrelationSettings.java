package io.palisade.correlation.correlate;

import io.palisade.avro.EntityKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How signals are linked into incidents, scored, named and resolved.
 *
 * @param window two signals that share a linking entity are linked when their event times are at
 *     most this far apart (inclusive)
 * @param linkingKinds the entity kinds that link (NODE, IMAGE, NAMESPACE and CONTAINER over-link: a
 *     shared node or a common image is no evidence of one attack)
 * @param retention how long, in event time, the entity index and the seen-signal ids are kept: the
 *     bound for out-of-order arrival and for recognising a duplicate; at least twice the window and
 *     at least inactivity + reopen window (so a resolved incident's entities are still indexed)
 * @param timelineLimit how many signals an incident lists (the earliest by event time); the others
 *     are summarised by {@code ruleCounts} and {@code signalCount}
 * @param inactivity an open incident without new evidence for this long (in stream time, or in
 *     wall-clock time for a quiet cluster) is resolved
 * @param reopenWindow new evidence sharing an entity with a resolved incident up to this long after
 *     its resolution reopens it; after it the incident leaves the store; zero disables reopening
 * @param storylines the named ordered patterns that title incidents and raise their severity
 */
public record CorrelationSettings(
    Duration window,
    Set<EntityKind> linkingKinds,
    Duration retention,
    int timelineLimit,
    Duration inactivity,
    Duration reopenWindow,
    Storylines storylines) {

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
  public static final Set<EntityKind> DEFAULT_LINKING_KINDS =
      Set.copyOf(
          EnumSet.of(
              EntityKind.ACTOR,
              EntityKind.SERVICE_ACCOUNT,
              EntityKind.POD,
              EntityKind.WORKLOAD,
              EntityKind.SOURCE_IP));
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
  public static final int DEFAULT_TIMELINE_LIMIT = 50;
  public static final Duration DEFAULT_INACTIVITY = Duration.ofHours(2);
  public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofHours(1);

  public CorrelationSettings {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(inactivity, "inactivity");
    Objects.requireNonNull(reopenWindow, "reopenWindow");
    Objects.requireNonNull(storylines, "storylines");
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
    if (inactivity.isNegative() || inactivity.isZero()) {
      throw new IllegalArgumentException("inactivity must be positive, was " + inactivity);
    }
    if (reopenWindow.isNegative()) {
      throw new IllegalArgumentException("reopen window must not be negative, was " + reopenWindow);
    }
    if (retention.compareTo(inactivity.plus(reopenWindow)) < 0) {
      throw new IllegalArgumentException(
          "correlation retention "
              + retention
              + " must be at least inactivity "
              + inactivity
              + " + reopen window "
              + reopenWindow);
    }
    linkingKinds = Set.copyOf(linkingKinds);
  }

  /** The settings of earlier releases: lifecycle and storylines at their defaults. */
  public CorrelationSettings(
      Duration window, Set<EntityKind> linkingKinds, Duration retention, int timelineLimit) {
    this(
        window,
        linkingKinds,
        retention,
        timelineLimit,
        DEFAULT_INACTIVITY,
        DEFAULT_REOPEN_WINDOW,
        Storylines.builtIn());
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
        timelineLimit,
        inactivity,
        reopenWindow,
        storylines);
  }

  public CorrelationSettings withLinkingKinds(Set<EntityKind> kinds) {
    return new CorrelationSettings(
        window, kinds, retention, timelineLimit, inactivity, reopenWindow, storylines);
  }

  public CorrelationSettings withRetention(Duration newRetention) {
    return new CorrelationSettings(
        window, linkingKinds, newRetention, timelineLimit, inactivity, reopenWindow, storylines);
  }

  public CorrelationSettings withTimelineLimit(int limit) {
    return new CorrelationSettings(
        window, linkingKinds, retention, limit, inactivity, reopenWindow, storylines);
  }

  /** The same settings with another lifecycle (inactivity before resolution, reopen window). */
  public CorrelationSettings withLifecycle(Duration newInactivity, Duration newReopenWindow) {
    return new CorrelationSettings(
        window, linkingKinds, retention, timelineLimit, newInactivity, newReopenWindow, storylines);
  }

  public CorrelationSettings withStorylines(Storylines newStorylines) {
    return new CorrelationSettings(
        window, linkingKinds, retention, timelineLimit, inactivity, reopenWindow, newStorylines);
  }

  /** How far back the entity index is searched: linked open incidents and reopenable ones. */
  Duration lookBack() {
    Duration reopenable = inactivity.plus(reopenWindow);
    return reopenable.compareTo(window) > 0 ? reopenable : window;
  }
}
