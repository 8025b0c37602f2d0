package io.palisade.correlation.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How far an incident got in each storyline, kept in incident state so that matching is incremental
 * and works after the timeline was truncated.
 *
 * <p>Per storyline and step only the earliest and the latest event time of a matching signal are
 * kept (bounded, whatever the number of signals). A storyline is matched when a chain through the
 * steps exists with non-decreasing times and at most {@code within} from first to last, using those
 * two times per step; once matched it stays matched. This is exact when each step has at most two
 * matching signals, and for signals arriving in event-time order (each check then sees the newest
 * signal as its step's latest); with more signals per step arriving out of order, a chain that only
 * an interior signal completes can be missed (never invented: every time used is a real signal's).
 *
 * @param steps storyline id → per step the span of matching signals (null: none yet)
 * @param matched ids of the storylines matched so far, sorted
 */
record StorylineProgress(Map<String, List<StepSpan>> steps, List<String> matched) {

  /** The earliest and latest event time of the signals matching one step. */
  record StepSpan(Instant earliest, Instant latest) {

    StepSpan with(Instant time) {
      return new StepSpan(
          time.isBefore(earliest) ? time : earliest, time.isAfter(latest) ? time : latest);
    }

    StepSpan with(StepSpan other) {
      return other == null ? this : with(other.earliest).with(other.latest);
    }
  }

  StorylineProgress {
    steps = steps == null ? Map.of() : steps;
    matched = matched == null ? List.of() : matched;
  }

  static StorylineProgress none() {
    return new StorylineProgress(Map.of(), List.of());
  }

  /** This progress with one more signal. */
  StorylineProgress add(TimelineEntry signal, Storylines storylines, Duration defaultWithin) {
    Map<String, List<StepSpan>> updated = null;
    for (Storyline storyline : storylines.all()) {
      List<Storyline.Step> definition = storyline.steps();
      List<StepSpan> spans = null;
      for (int i = 0; i < definition.size(); i++) {
        if (definition.get(i).matches(signal)) {
          if (spans == null) {
            spans = spansOf(storyline);
          }
          StepSpan span = spans.get(i);
          spans.set(
              i,
              span == null
                  ? new StepSpan(signal.eventTime(), signal.eventTime())
                  : span.with(signal.eventTime()));
        }
      }
      if (spans != null) {
        if (updated == null) {
          updated = new TreeMap<>(steps);
        }
        updated.put(storyline.id(), Arrays.asList(spans.toArray(StepSpan[]::new)));
      }
    }
    return updated == null ? this : check(updated, matched, storylines, defaultWithin);
  }

  /** The progress of two merged incidents. */
  StorylineProgress merge(StorylineProgress other, Storylines storylines, Duration defaultWithin) {
    Map<String, List<StepSpan>> merged = new TreeMap<>(steps);
    other.steps.forEach(
        (id, spans) ->
            merged.merge(
                id,
                spans,
                (mine, theirs) -> {
                  List<StepSpan> combined = new ArrayList<>();
                  for (int i = 0; i < Math.max(mine.size(), theirs.size()); i++) {
                    StepSpan a = i < mine.size() ? mine.get(i) : null;
                    StepSpan b = i < theirs.size() ? theirs.get(i) : null;
                    combined.add(a == null ? b : a.with(b));
                  }
                  return combined;
                }));
    Set<String> union = new TreeSet<>(matched);
    union.addAll(other.matched);
    return check(merged, List.copyOf(union), storylines, defaultWithin);
  }

  private List<StepSpan> spansOf(Storyline storyline) {
    List<StepSpan> kept = steps.get(storyline.id());
    List<StepSpan> spans = new ArrayList<>();
    for (int i = 0; i < storyline.steps().size(); i++) {
      spans.add(kept != null && i < kept.size() ? kept.get(i) : null);
    }
    return spans;
  }

  private static StorylineProgress check(
      Map<String, List<StepSpan>> steps,
      List<String> matched,
      Storylines storylines,
      Duration defaultWithin) {
    Set<String> now = new TreeSet<>(matched);
    for (Storyline storyline : storylines.all()) {
      List<StepSpan> spans = steps.get(storyline.id());
      if (!now.contains(storyline.id())
          && spans != null
          && spans.size() == storyline.steps().size()
          && chained(spans, storyline.within() == null ? defaultWithin : storyline.within())) {
        now.add(storyline.id());
      }
    }
    return new StorylineProgress(steps, List.copyOf(now));
  }

  /** A chain through the steps' known times, non-decreasing, first to last at most within. */
  static boolean chained(List<StepSpan> spans, Duration within) {
    if (spans.contains(null)) {
      return false;
    }
    for (Instant start : candidates(spans.get(0))) {
      Instant previous = start;
      boolean complete = true;
      for (int i = 1; i < spans.size() && complete; i++) {
        Instant next = null;
        for (Instant candidate : candidates(spans.get(i))) {
          if (!candidate.isBefore(previous) && (next == null || candidate.isBefore(next))) {
            next = candidate;
          }
        }
        complete = next != null;
        previous = complete ? next : previous;
      }
      if (complete && Duration.between(start, previous).compareTo(within) <= 0) {
        return true;
      }
    }
    return false;
  }

  private static Set<Instant> candidates(StepSpan span) {
    return new LinkedHashSet<>(List.of(span.earliest(), span.latest()));
  }
}
