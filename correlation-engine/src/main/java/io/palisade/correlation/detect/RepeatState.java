package io.palisade.correlation.detect;

import java.util.List;

/**
 * Repeats of one signal (same rule, same entities) held back after the first was emitted (state,
 * stored as JSON).
 *
 * @param windowStart event time of the emitted first match, epoch ms
 * @param repeats matches since, inside the window
 * @param lastTime latest event time among the repeats
 * @param heldSince wall-clock time the window opened, epoch ms (flushes idle streams)
 * @param lastSignal the latest repeat's signal (Avro), the template of the aggregate
 * @param evidenceIds the repeats' evidence ids, capped
 * @param signalIds ids of the signals the window has seen (the first and recent ones), so that the
 *     same signal again (another stage of one request) is not a repeat
 */
record RepeatState(
    long windowStart,
    int repeats,
    long lastTime,
    long heldSince,
    byte[] lastSignal,
    List<String> evidenceIds,
    List<String> signalIds) {

  RepeatState {
    evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
    signalIds = signalIds == null ? List.of() : List.copyOf(signalIds);
  }
}
