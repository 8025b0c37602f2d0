package io.palisade.correlation.correlate;

import io.palisade.avro.IncidentResolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an incident stands for the analysts and the inactivity sweep: part of incident state.
 *
 * @param resolution why it was resolved, null while open
 * @param resolvedAt when it was resolved, in event time: for inactivity the moment it had been
 *     quiet long enough, for an analyst the action's time; new evidence up to the reopen window
 *     after it reopens the incident
 * @param resolvedWall when it was resolved, wall-clock time; the incident leaves the store the
 *     reopen window after it (or after {@code resolvedAt} in stream time)
 * @param reopened how many times it was reopened
 * @param quietSince the event time inactivity is measured from (the last signal, or a reopening)
 * @param lastWallActivity the wall-clock time inactivity is measured from for a quiet cluster
 * @param appliedActions the ids of the analyst actions applied (the latest {@value #ACTION_IDS}),
 *     so that a redelivered action is applied once
 */
record Lifecycle(
    IncidentResolution resolution,
    Instant resolvedAt,
    Instant resolvedWall,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String assignee,
    int reopened,
    Instant quietSince,
    Instant lastWallActivity,
    List<String> appliedActions) {

  static final int ACTION_IDS = 64;

  Lifecycle {
    appliedActions = appliedActions == null ? List.of() : List.copyOf(appliedActions);
  }

  static Lifecycle open(Instant eventTime, Instant wallTime) {
    return new Lifecycle(null, null, null, null, null, null, 0, eventTime, wallTime, List.of());
  }

  /** New evidence at {@code eventTime}: the incident is active again. */
  Lifecycle active(Instant eventTime, Instant wallTime) {
    return new Lifecycle(
        resolution,
        resolvedAt,
        resolvedWall,
        acknowledgedBy,
        acknowledgedAt,
        assignee,
        reopened,
        quietSince == null || eventTime.isAfter(quietSince) ? eventTime : quietSince,
        wallTime.isAfter(lastWallActivity) ? wallTime : lastWallActivity,
        appliedActions);
  }

  Lifecycle resolved(IncidentResolution why, Instant at, Instant wallTime) {
    return new Lifecycle(
        why,
        at,
        wallTime,
        acknowledgedBy,
        acknowledgedAt,
        assignee,
        reopened,
        quietSince,
        lastWallActivity,
        appliedActions);
  }

  Lifecycle reopen(Instant eventTime, Instant wallTime) {
    return new Lifecycle(
        null,
        null,
        null,
        acknowledgedBy,
        acknowledgedAt,
        assignee,
        reopened + 1,
        quietSince == null || eventTime.isAfter(quietSince) ? eventTime : quietSince,
        wallTime,
        appliedActions);
  }

  Lifecycle acknowledged(String by, Instant at) {
    return new Lifecycle(
        resolution,
        resolvedAt,
        resolvedWall,
        by,
        at,
        assignee,
        reopened,
        quietSince,
        lastWallActivity,
        appliedActions);
  }

  Lifecycle assigned(String to) {
    return new Lifecycle(
        resolution,
        resolvedAt,
        resolvedWall,
        acknowledgedBy,
        acknowledgedAt,
        to,
        reopened,
        quietSince,
        lastWallActivity,
        appliedActions);
  }

  /** Remembers an applied action id (the oldest are forgotten beyond {@value #ACTION_IDS}). */
  Lifecycle applied(String actionId) {
    List<String> ids = new ArrayList<>(appliedActions);
    ids.add(actionId);
    return new Lifecycle(
        resolution,
        resolvedAt,
        resolvedWall,
        acknowledgedBy,
        acknowledgedAt,
        assignee,
        reopened,
        quietSince,
        lastWallActivity,
        ids.subList(Math.max(0, ids.size() - ACTION_IDS), ids.size()));
  }

  Lifecycle merge(Lifecycle other) {
    return new Lifecycle(
        resolution,
        resolvedAt,
        resolvedWall,
        acknowledgedBy != null ? acknowledgedBy : other.acknowledgedBy,
        acknowledgedBy != null ? acknowledgedAt : other.acknowledgedAt,
        assignee != null ? assignee : other.assignee,
        reopened,
        other.quietSince != null && other.quietSince.isAfter(quietSince)
            ? other.quietSince
            : quietSince,
        other.lastWallActivity.isAfter(lastWallActivity)
            ? other.lastWallActivity
            : lastWallActivity,
        appliedActions);
  }
}
