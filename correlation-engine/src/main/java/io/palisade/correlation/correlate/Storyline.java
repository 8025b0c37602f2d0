package io.palisade.correlation.correlate;

import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A named, ordered pattern of signals (e.g. an RBAC escalation followed by an interactive shell)
 * that gives an incident a precise title and a severity floor. Declared in configuration ({@code
 * storylines/storylines.yml} and {@code palisade.correlation.storylines-file}), read by {@link
 * StorylineLoader}.
 *
 * @param within the longest event-time span from the first step's signal to the last step's; null
 *     means the correlation window
 * @param steps matched in event-time order (a step's signal no earlier than the previous step's)
 */
public record Storyline(
    String id, String title, Severity severity, Duration within, List<Step> steps) {

  public Storyline {
    steps = List.copyOf(steps);
  }

  /**
   * One step: a signal matches when every given criterion matches (an absent one matches all).
   *
   * @param rules rule ids, exact
   * @param tactics tactic ids; the signal's tactic ({@code "TA0004 Privilege Escalation"}) must
   *     start with one of them
   * @param techniques technique ids; one of the signal's techniques must start with one of them
   *     ({@code T1098} matches {@code T1098.006})
   * @param sources evidence sources
   */
  public record Step(
      Set<String> rules,
      List<String> tactics,
      List<String> techniques,
      Set<EvidenceSource> sources) {

    public Step {
      rules = Set.copyOf(rules);
      tactics = List.copyOf(tactics);
      techniques = List.copyOf(techniques);
      sources = Set.copyOf(sources);
    }

    boolean matches(TimelineEntry signal) {
      return (rules.isEmpty() || rules.contains(signal.ruleId()))
          && (tactics.isEmpty()
              || (signal.tactic() != null
                  && tactics.stream().anyMatch(signal.tactic()::startsWith)))
          && (techniques.isEmpty()
              || signal.techniques().stream()
                  .anyMatch(technique -> techniques.stream().anyMatch(technique::startsWith)))
          && (sources.isEmpty() || sources.contains(signal.source()));
    }
  }
}
