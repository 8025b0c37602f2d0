package io.palisade.correlation.scenarios;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.correlation.correlate.CorrelationSettings;

/**
 * What the engine on this branch can do, read from the code itself, so that scenario expectations
 * written for the design note apply in full as soon as the features are merged.
 */
final class EngineFeatures {

  private EngineFeatures() {}

  /** Incident v2 carries the matched storyline: storylines are implemented. */
  static boolean storylines() {
    return Incident.getClassSchema().getField("storyline") != null;
  }

  /** The design note's linking defaults (WORKLOAD and SOURCE_IP on) and their bridges. */
  static boolean linking() {
    return CorrelationSettings.defaults()
        .linkingKinds()
        .containsAll(java.util.Set.of(EntityKind.WORKLOAD, EntityKind.SOURCE_IP));
  }

  /** The incident's storyline id, or null (also when the schema has no such field). */
  static String storylineOf(Incident incident) {
    if (!storylines()) {
      return null;
    }
    Object value = incident.get("storyline");
    return value == null ? null : value.toString();
  }
}
