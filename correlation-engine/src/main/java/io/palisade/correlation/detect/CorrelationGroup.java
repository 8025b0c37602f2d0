package io.palisade.correlation.detect;

import java.util.List;

/**
 * The matches one correlation rule holds for one group (one cluster and one combination of group-by
 * values), sorted by event time (state, stored as JSON).
 *
 * @param correlation the correlation rule's key
 * @param cluster the cluster
 * @param groupValues the group-by values, in the rule's group-by order
 * @param entries the matches, oldest first
 */
record CorrelationGroup(
    String correlation, String cluster, List<String> groupValues, List<CorrelationEntry> entries) {

  CorrelationGroup {
    groupValues = List.copyOf(groupValues);
    entries = List.copyOf(entries);
  }
}
