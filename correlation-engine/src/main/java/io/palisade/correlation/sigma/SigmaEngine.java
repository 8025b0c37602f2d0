package io.palisade.correlation.sigma;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated set of Sigma rules, ready to match single events: rules grouped by logsource, each
 * group indexed by {@link RuleIndex}. Immutable and thread-safe; build a new one to change rules.
 */
public final class SigmaEngine {

  private final List<SigmaRule> rules;
  private final Map<SigmaLogsource, RuleIndex> indexes = new EnumMap<>(SigmaLogsource.class);

  private SigmaEngine(List<SigmaRule> rules) {
    this.rules = List.copyOf(rules);
    for (SigmaLogsource logsource : SigmaLogsource.values()) {
      indexes.put(
          logsource,
          new RuleIndex(
              logsource,
              this.rules.stream().filter(rule -> rule.logsource() == logsource).toList()));
    }
  }

  public static SigmaEngine of(List<SigmaRule> rules) {
    return new SigmaEngine(rules);
  }

  public List<SigmaRule> rules() {
    return rules;
  }

  /** The rules of {@code logsource} that match the event, in load order. */
  public List<SigmaRule> match(SigmaLogsource logsource, SigmaEvent event) {
    List<SigmaRule> matches = new ArrayList<>(2);
    for (SigmaRule rule : indexes.get(logsource).candidates(event)) {
      if (rule.matches(event)) {
        matches.add(rule);
      }
    }
    return matches;
  }

  /** The rules of {@code logsource} the index lets the event meet, in load order. */
  public List<SigmaRule> candidates(SigmaLogsource logsource, SigmaEvent event) {
    return indexes.get(logsource).candidates(event);
  }

  /**
   * How many rules of {@code logsource} every event meets (no literal verb/resource constraint).
   */
  public int alwaysEvaluated(SigmaLogsource logsource) {
    return indexes.get(logsource).alwaysEvaluated();
  }

  /** Every rule of {@code logsource} with whether and why it matches the event. */
  public List<SigmaExplanation> explain(SigmaLogsource logsource, SigmaEvent event) {
    RuleIndex index = indexes.get(logsource);
    Set<SigmaRule> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
    candidates.addAll(index.candidates(event));
    List<SigmaExplanation> explanations = new ArrayList<>();
    for (SigmaRule rule : index.rules()) {
      explanations.add(SigmaExplanation.of(rule, event, candidates.contains(rule)));
    }
    return explanations;
  }
}
