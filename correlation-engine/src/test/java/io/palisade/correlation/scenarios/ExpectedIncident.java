package io.palisade.correlation.scenarios;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A scenario's {@code expected.yaml}: the incident a correct engine makes of the scenario's
 * evidence.
 *
 * <pre>
 * title: RBAC escalation followed by an interactive shell by alice@corp.example
 * severity: CRITICAL
 * min-score: 80                      # optional
 * storyline: rbac-escalation-then-shell   # optional
 * incidents-above-low: 1             # optional, default 1
 * requires: [storylines, linking]    # optional engine features the expectation relies on
 * without-storylines: {severity: HIGH}   # what holds while the engine has no storylines
 * entities: ["ACTOR alice@corp.example", "POD shop/web-7d9f8b6c5-x2x9q"]   # at least these
 * signals: [f888e3fe-…, f56e987c-…]  # rule ids of the incident's signals in event-time order
 * known-gaps:                        # signals a correct engine produces and this one does not
 *   - rule: e7b99c2c-…
 *     reason: why it is missing
 *     affects: [severity, title]     # further assertions the gap changes (skipped, printed)
 * </pre>
 */
record ExpectedIncident(
    String title,
    Severity severity,
    Integer minScore,
    String storyline,
    int incidentsAboveLow,
    Set<Feature> requires,
    Severity severityWithoutStorylines,
    List<ExpectedEntity> entities,
    List<String> signals,
    List<KnownGap> knownGaps) {

  /** Engine features an expectation may rely on (see {@link Feature#available()}). */
  enum Feature {
    /** Named storylines: titles, severity floors and the incident's {@code storyline} field. */
    STORYLINES,
    /**
     * The design note's linking: WORKLOAD and SOURCE_IP on by default, and the bridges (pod-bound
     * service-account token ↔ pod, pod ↔ owner workload) that come with the same change.
     */
    LINKING;

    boolean available() {
      return this == STORYLINES ? EngineFeatures.storylines() : EngineFeatures.linking();
    }
  }

  record ExpectedEntity(EntityKind kind, String name) {

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  /** A signal the engine should produce but does not (a detection gap), and what it changes. */
  record KnownGap(String rule, String reason, Set<String> affects) {}

  static ExpectedIncident parse(String yaml, String where) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + ": expected a mapping");
    }
    Set<String> known =
        Set.of(
            "title",
            "severity",
            "min-score",
            "storyline",
            "incidents-above-low",
            "requires",
            "without-storylines",
            "entities",
            "signals",
            "known-gaps");
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        throw new IllegalArgumentException(where + ": unknown key '" + key + "'");
      }
    }
    List<ExpectedEntity> entities = new ArrayList<>();
    for (Object entity : list(map.get("entities"), where, "entities")) {
      String text = String.valueOf(entity);
      int space = text.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException(
            where + ": entity '" + text + "' must be '<KIND> <name>'");
      }
      entities.add(
          new ExpectedEntity(
              EntityKind.valueOf(text.substring(0, space)), text.substring(space + 1)));
    }
    List<KnownGap> gaps = new ArrayList<>();
    for (Object gap : list(map.get("known-gaps"), where, "known-gaps")) {
      Map<?, ?> fields = (Map<?, ?>) gap;
      gaps.add(
          new KnownGap(
              required(fields, "rule", where),
              required(fields, "reason", where),
              Set.copyOf(
                  list(fields.get("affects"), where, "affects").stream()
                      .map(String::valueOf)
                      .toList())));
    }
    Set<Feature> requires =
        Set.copyOf(
            list(map.get("requires"), where, "requires").stream()
                .map(f -> Feature.valueOf(String.valueOf(f).toUpperCase(Locale.ROOT)))
                .toList());
    Map<?, ?> withoutStorylines =
        map.get("without-storylines") instanceof Map<?, ?> m ? m : Map.of();
    if (requires.contains(Feature.STORYLINES) && withoutStorylines.get("severity") == null) {
      throw new IllegalArgumentException(
          where + ": requires storylines but gives no without-storylines severity");
    }
    return new ExpectedIncident(
        required(map, "title", where),
        Severity.valueOf(required(map, "severity", where)),
        map.get("min-score") == null ? null : ((Number) map.get("min-score")).intValue(),
        map.get("storyline") == null ? null : String.valueOf(map.get("storyline")),
        map.get("incidents-above-low") == null
            ? 1
            : ((Number) map.get("incidents-above-low")).intValue(),
        requires,
        withoutStorylines.get("severity") == null
            ? null
            : Severity.valueOf(String.valueOf(withoutStorylines.get("severity"))),
        List.copyOf(entities),
        list(map.get("signals"), where, "signals").stream().map(String::valueOf).toList(),
        List.copyOf(gaps));
  }

  /** The expected signals without those of known gaps (one occurrence per gap). */
  List<String> signalsWithoutGaps() {
    List<String> remaining = new ArrayList<>(signals);
    for (KnownGap gap : knownGaps) {
      remaining.remove(gap.rule());
    }
    return remaining;
  }

  /** The reason when a known gap changes {@code assertion}, else null. */
  String gapAffecting(String assertion) {
    return knownGaps.stream()
        .filter(gap -> gap.affects().contains(assertion))
        .map(gap -> gap.rule() + ": " + gap.reason())
        .findFirst()
        .orElse(null);
  }

  private static List<?> list(Object value, String where, String key) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(where + ": '" + key + "' must be a list");
    }
    return list;
  }

  private static String required(Map<?, ?> map, String key, String where) {
    Object value = map.get(key);
    if (value == null) {
      throw new IllegalArgumentException(where + ": missing '" + key + "'");
    }
    return String.valueOf(value);
  }
}
