package io.palisade.audit.webhook;

import java.util.Map;

/**
 * What became of a request's items.
 *
 * @param accepted events published
 * @param filteredByRule events dropped as noise, by the name of the filter rule
 * @param deadLetteredByReason items published to the dead-letter topic, by reason
 */
public record IntakeResult(
    int accepted, Map<String, Integer> filteredByRule, Map<String, Integer> deadLetteredByReason) {

  public IntakeResult {
    filteredByRule = Map.copyOf(filteredByRule);
    deadLetteredByReason = Map.copyOf(deadLetteredByReason);
  }

  public int filtered() {
    return filteredByRule.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int deadLettered() {
    return deadLetteredByReason.values().stream().mapToInt(Integer::intValue).sum();
  }
}
