package io.palisade.correlation.detect;

import io.palisade.correlation.sigma.SigmaCorrelationRule;
import io.palisade.correlation.sigma.SigmaCorrelationRule.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The window logic of Sigma correlation rules over one group's matches, sorted by event time.
 * Windows slide on event time: a window is {@code [t, t + timespan]} (both ends inclusive) for the
 * time {@code t} of any match, not a clock-aligned bucket.
 *
 * <ul>
 *   <li>{@code event_count}: the number of matches in a window; {@code value_count}: the number of
 *       distinct values of the counted field; {@code temporal}: the number of distinct referenced
 *       rules (by default all must be present); {@code temporal_ordered}: the referenced rules
 *       matched in their listed order (each at or after the previous one), first to last within the
 *       timespan.
 *   <li>A condition with only lower bounds ({@code gt}, {@code gte}; temporal types without a
 *       condition) is checked on arrival against every window containing the new match ({@link
 *       #onArrival}). Any other condition is checked once per window anchored at the group's
 *       earliest match, when that window is complete ({@link #onClose}).
 * </ul>
 *
 * A window that fires hands back its matches; the caller removes them, so the same matches never
 * fire twice and further matches re-arm the rule.
 */
final class CorrelationWindows {

  private CorrelationWindows() {}

  /** Whether the rule is checked on arrival (else when windows close). */
  static boolean eager(SigmaCorrelationRule rule) {
    if (rule.type() == Type.TEMPORAL_ORDERED) {
      return true;
    }
    return rule.condition() == null || rule.condition().lowerBoundOnly();
  }

  /**
   * The matches of a window that contains {@code arrived} and satisfies the rule, or an empty list.
   */
  static List<CorrelationEntry> onArrival(
      SigmaCorrelationRule rule, List<CorrelationEntry> sorted, CorrelationEntry arrived) {
    long span = rule.timespan().toMillis();
    if (rule.type() == Type.TEMPORAL_ORDERED) {
      return ordered(rule, sorted, arrived.time() - span, arrived.time());
    }
    for (int start = 0; start < sorted.size(); start++) {
      long from = sorted.get(start).time();
      if (from < arrived.time() - span) {
        continue;
      }
      if (from > arrived.time()) {
        break;
      }
      if (start > 0 && sorted.get(start - 1).time() == from) {
        continue; // the same window as the previous start
      }
      List<CorrelationEntry> window = window(sorted, start, from + span);
      if (satisfied(rule, window)) {
        return window;
      }
    }
    return List.of();
  }

  /**
   * The matches of the window anchored at the earliest match, and whether it satisfies the rule.
   */
  static Closed onClose(SigmaCorrelationRule rule, List<CorrelationEntry> sorted) {
    List<CorrelationEntry> window =
        window(sorted, 0, sorted.get(0).time() + rule.timespan().toMillis());
    return new Closed(window, satisfied(rule, window));
  }

  /** A completed window and its verdict. */
  record Closed(List<CorrelationEntry> window, boolean fires) {}

  /** The measure the condition compares (count, distinct values, distinct rules). */
  static long measure(SigmaCorrelationRule rule, List<CorrelationEntry> window) {
    return switch (rule.type()) {
      case EVENT_COUNT -> window.size();
      case VALUE_COUNT -> window.stream().map(CorrelationEntry::value).distinct().count();
      case TEMPORAL, TEMPORAL_ORDERED ->
          window.stream().map(CorrelationEntry::position).distinct().count();
    };
  }

  private static boolean satisfied(SigmaCorrelationRule rule, List<CorrelationEntry> window) {
    long measure = measure(rule, window);
    if (rule.condition() == null) {
      return measure >= rule.rules().size();
    }
    return rule.condition().test(measure);
  }

  private static List<CorrelationEntry> window(
      List<CorrelationEntry> sorted, int start, long until) {
    List<CorrelationEntry> window = new ArrayList<>();
    for (int i = start; i < sorted.size() && sorted.get(i).time() <= until; i++) {
      window.add(sorted.get(i));
    }
    return window;
  }

  /**
   * The earliest chain of matches of rules 0, 1, … n-1 in that order, each at or after the
   * previous, spanning at most the timespan, whose first match lies in {@code [from, to]}.
   */
  private static List<CorrelationEntry> ordered(
      SigmaCorrelationRule rule, List<CorrelationEntry> sorted, long from, long to) {
    int steps = rule.rules().size();
    long span = rule.timespan().toMillis();
    for (int start = 0; start < sorted.size(); start++) {
      CorrelationEntry first = sorted.get(start);
      if (first.position() != 0 || first.time() < from) {
        continue;
      }
      if (first.time() > to) {
        break;
      }
      List<CorrelationEntry> chain = new ArrayList<>(List.of(first));
      for (int i = start + 1; i < sorted.size() && chain.size() < steps; i++) {
        CorrelationEntry next = sorted.get(i);
        if (next.time() > first.time() + span) {
          break;
        }
        if (next.position() == chain.size()) {
          chain.add(next);
        }
      }
      if (chain.size() == steps) {
        return chain;
      }
    }
    return List.of();
  }
}
