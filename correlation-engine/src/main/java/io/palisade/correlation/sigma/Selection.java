package io.palisade.correlation.sigma;

import java.util.List;

/**
 * A named search identifier of a rule's {@code detection}: a map of field conditions (all must
 * hold) or a list of such maps (any must hold), compiled.
 *
 * @param alternatives the maps, each an AND of its field conditions; the selection is their OR
 */
record Selection(String name, int line, List<List<FieldCondition>> alternatives) {

  Selection {
    alternatives = List.copyOf(alternatives.stream().map(List::copyOf).toList());
  }

  boolean matches(SigmaEvent event) {
    for (List<FieldCondition> conditions : alternatives) {
      if (allMatch(conditions, event)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allMatch(List<FieldCondition> conditions, SigmaEvent event) {
    for (FieldCondition condition : conditions) {
      if (!condition.matches(event)) {
        return false;
      }
    }
    return true;
  }
}
