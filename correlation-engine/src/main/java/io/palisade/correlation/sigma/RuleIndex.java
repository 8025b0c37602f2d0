package io.palisade.correlation.sigma;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of one logsource, indexed so that an event meets only the rules that can match it.
 *
 * <p>At build time each rule's condition is analysed for <em>literal constraints</em> on the
 * logsource's two index fields (for audit events {@code verb} and {@code objectRef.resource}): a
 * set S such that the rule can only match when the field has a value in S. A selection entry {@code
 * verb: [create, update]} (plain values, no wildcard or modifier other than {@code cased}, no
 * {@code null}) constrains {@code verb} to {create, update}; an {@code and} is constrained by any
 * constrained operand (the intersection when several are); an {@code or} only when every operand is
 * (the union); a {@code not} never. Each rule then goes into exactly one bucket kind:
 *
 * <ul>
 *   <li>both fields constrained: one entry per (primary, secondary) pair,
 *   <li>only the primary or only the secondary field constrained: one entry per value,
 *   <li>neither: the always-evaluated bucket.
 * </ul>
 *
 * An event's candidates are the always bucket plus the buckets of its own index values (lower
 * case), in rule order. A rule whose constraint is empty can never match and is in no bucket.
 */
final class RuleIndex {

  private final SigmaLogsource logsource;
  private final List<SigmaRule> rules;
  private final int[] always;
  private final Map<String, int[]> byPrimary;
  private final Map<String, int[]> bySecondary;
  private final Map<String, int[]> byPair;

  RuleIndex(SigmaLogsource logsource, List<SigmaRule> rules) {
    this.logsource = logsource;
    this.rules = List.copyOf(rules);
    List<Integer> alwaysList = new ArrayList<>();
    Map<String, List<Integer>> primary = new HashMap<>();
    Map<String, List<Integer>> secondary = new HashMap<>();
    Map<String, List<Integer>> pair = new HashMap<>();
    for (int ordinal = 0; ordinal < rules.size(); ordinal++) {
      ConditionNode condition = rules.get(ordinal).condition();
      Set<String> first = constraint(condition, logsource.primaryIndexField());
      Set<String> second = constraint(condition, logsource.secondaryIndexField());
      if (first != null && second != null) {
        for (String a : first) {
          for (String b : second) {
            pair.computeIfAbsent(a + '\u0000' + b, key -> new ArrayList<>()).add(ordinal);
          }
        }
      } else if (first != null) {
        for (String a : first) {
          primary.computeIfAbsent(a, key -> new ArrayList<>()).add(ordinal);
        }
      } else if (second != null) {
        for (String b : second) {
          secondary.computeIfAbsent(b, key -> new ArrayList<>()).add(ordinal);
        }
      } else {
        alwaysList.add(ordinal);
      }
    }
    this.always = alwaysList.stream().mapToInt(Integer::intValue).toArray();
    this.byPrimary = freeze(primary);
    this.bySecondary = freeze(secondary);
    this.byPair = freeze(pair);
  }

  SigmaLogsource logsource() {
    return logsource;
  }

  List<SigmaRule> rules() {
    return rules;
  }

  /** The rules the event can match, in rule order (each at most once). */
  List<SigmaRule> candidates(SigmaEvent event) {
    List<String> firstValues = indexValues(event, logsource.primaryIndexField());
    List<String> secondValues = indexValues(event, logsource.secondaryIndexField());
    if (firstValues.size() <= 1 && secondValues.size() <= 1) {
      String first = firstValues.isEmpty() ? null : firstValues.get(0);
      String second = secondValues.isEmpty() ? null : secondValues.get(0);
      int[] a = first == null ? null : byPrimary.get(first);
      int[] b = second == null ? null : bySecondary.get(second);
      int[] c = first == null || second == null ? null : byPair.get(first + '\u0000' + second);
      if (a == null && b == null && c == null) {
        return select(always);
      }
    }
    BitSet selected = new BitSet(rules.size());
    for (int ordinal : always) {
      selected.set(ordinal);
    }
    for (String first : firstValues) {
      mark(selected, byPrimary.get(first));
      for (String second : secondValues) {
        mark(selected, byPair.get(first + '\u0000' + second));
      }
    }
    for (String second : secondValues) {
      mark(selected, bySecondary.get(second));
    }
    List<SigmaRule> candidates = new ArrayList<>(selected.cardinality());
    for (int ordinal = selected.nextSetBit(0);
        ordinal >= 0;
        ordinal = selected.nextSetBit(ordinal + 1)) {
      candidates.add(rules.get(ordinal));
    }
    return candidates;
  }

  /** The number of rules in the always-evaluated bucket. */
  int alwaysEvaluated() {
    return always.length;
  }

  private List<SigmaRule> select(int[] ordinals) {
    List<SigmaRule> selected = new ArrayList<>(ordinals.length);
    for (int ordinal : ordinals) {
      selected.add(rules.get(ordinal));
    }
    return selected;
  }

  private static void mark(BitSet selected, int[] ordinals) {
    if (ordinals != null) {
      for (int ordinal : ordinals) {
        selected.set(ordinal);
      }
    }
  }

  private static List<String> indexValues(SigmaEvent event, FieldPath path) {
    List<String> values = new ArrayList<>(1);
    event.anyValue(
        path,
        value -> {
          String text = ValueMatcher.text(value);
          if (text != null) {
            values.add(text.toLowerCase(Locale.ROOT));
          }
          return false;
        });
    return values;
  }

  private static Map<String, int[]> freeze(Map<String, List<Integer>> lists) {
    Map<String, int[]> frozen = new HashMap<>();
    lists.forEach(
        (key, list) -> frozen.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
    return Map.copyOf(frozen);
  }

  /**
   * The lower-cased values {@code field} must have for {@code node} to hold, or null when the node
   * does not constrain it.
   */
  static Set<String> constraint(ConditionNode node, FieldPath field) {
    if (node instanceof ConditionNode.Ref ref) {
      return constraint(ref.selection(), field);
    }
    if (node instanceof ConditionNode.And and) {
      Set<String> result = null;
      for (ConditionNode operand : and.operands()) {
        result = intersect(result, constraint(operand, field));
      }
      return result;
    }
    if (node instanceof ConditionNode.Or or) {
      Set<String> result = new HashSet<>();
      for (ConditionNode operand : or.operands()) {
        Set<String> values = constraint(operand, field);
        if (values == null) {
          return null;
        }
        result.addAll(values);
      }
      return result;
    }
    return null; // not: a negation constrains nothing
  }

  private static Set<String> constraint(Selection selection, FieldPath field) {
    Set<String> result = new HashSet<>();
    for (List<FieldCondition> conditions : selection.alternatives()) {
      Set<String> values = null;
      for (FieldCondition condition : conditions) {
        values = intersect(values, constraint(condition, field));
      }
      if (values == null) {
        return null;
      }
      result.addAll(values);
    }
    return result;
  }

  private static Set<String> constraint(FieldCondition condition, FieldPath field) {
    if (!(condition instanceof FieldCondition.Values values)
        || values.matchesNull()
        || values.matchers().isEmpty()
        || !values.paths().equals(List.of(field))) {
      return null;
    }
    Set<String> literals = new HashSet<>();
    for (ValueMatcher matcher : values.matchers()) {
      if (!(matcher instanceof ValueMatcher.Equals equals)) {
        return null;
      }
      literals.add(equals.expected().toLowerCase(Locale.ROOT));
    }
    return literals;
  }

  private static Set<String> intersect(Set<String> current, Set<String> next) {
    if (current == null) {
      return next;
    }
    if (next == null) {
      return current;
    }
    Set<String> both = new HashSet<>(current);
    both.retainAll(next);
    return both;
  }
}
