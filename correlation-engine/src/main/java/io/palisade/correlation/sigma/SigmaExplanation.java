package io.palisade.correlation.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a rule did or did not match an event: the outcome of each selection and, for selections that
 * failed, the first field condition of each alternative that failed with the event's values.
 *
 * @param indexed whether the index let the event meet the rule; the rule is evaluated for the
 *     explanation either way
 */
public record SigmaExplanation(
    SigmaRule rule, boolean matched, boolean indexed, List<String> reasons) {

  public SigmaExplanation {
    reasons = List.copyOf(reasons);
  }

  static SigmaExplanation of(SigmaRule rule, SigmaEvent event, boolean indexed) {
    boolean matched = rule.matches(event);
    List<String> reasons = new ArrayList<>();
    reasons.add("condition: " + rule.conditionText() + " = " + matched);
    for (Selection selection : rule.selections().values()) {
      boolean selected = selection.matches(event);
      reasons.add(selection.name() + " = " + selected);
      if (!selected) {
        for (List<FieldCondition> alternative : selection.alternatives()) {
          for (FieldCondition condition : alternative) {
            if (!condition.matches(event)) {
              List<String> values = condition.valuesIn(event);
              reasons.add(
                  "  failed: "
                      + condition.describe()
                      + "; event has "
                      + (values.isEmpty() ? "no value" : String.join(", ", values)));
              break;
            }
          }
        }
      }
    }
    if (!indexed && !matched) {
      reasons.add("(not evaluated in detection: the index ruled it out)");
    }
    if (!indexed && matched) {
      throw new IllegalStateException("index excluded matching rule " + rule.label());
    }
    return new SigmaExplanation(rule, matched, indexed, reasons);
  }
}
