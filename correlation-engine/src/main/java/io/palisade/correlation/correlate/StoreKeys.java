package io.palisade.correlation.correlate;

/**
 * Keys of the correlation stores. Every key starts with the cluster: one task may own several
 * clusters' signals, and the same pod name or user may exist in each.
 */
final class StoreKeys {

  /** ASCII unit separator: never part of a cluster, user, pod or id. */
  private static final char SEPARATOR = '\u001f';

  private StoreKeys() {}

  static String incident(String cluster, String incidentId) {
    return cluster + SEPARATOR + incidentId;
  }

  static String entity(String cluster, EntityRef entity) {
    return cluster + SEPARATOR + entity.kind().name() + SEPARATOR + entity.name();
  }

  static String signal(String cluster, String signalId) {
    return cluster + SEPARATOR + signalId;
  }

  /** A false-positive suppression of one rule on one linking entity. */
  static String suppression(String cluster, String ruleId, EntityRef entity) {
    return cluster
        + SEPARATOR
        + ruleId
        + SEPARATOR
        + entity.kind().name()
        + SEPARATOR
        + entity.name();
  }
}
