package io.palisade.correlation.correlate;

import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a storylines file:
 *
 * <pre>
 * storylines:
 *   - id: rbac-escalation-then-shell
 *     title: RBAC escalation followed by an interactive shell
 *     severity: CRITICAL      # floor: LOW, MEDIUM, HIGH or CRITICAL
 *     within: 30m             # optional (ms, s, m, h, d); default the correlation window
 *     steps:                  # at least two, each with at least one of the four criteria
 *       - rules: [f888e3fe-f22e-591c-b1ef-5145aa7ec5ae]
 *         tactics: [TA0004]
 *         techniques: [T1098]
 *         sources: [AUDIT]
 * </pre>
 *
 * Anything else (an unknown key, a missing title, an unknown severity or source, a duplicate id) is
 * refused with a {@link StorylineException} naming the file, the storyline and the problem.
 */
final class StorylineLoader {

  private static final Set<String> STORYLINE_KEYS =
      Set.of("id", "title", "severity", "within", "steps");
  private static final Set<String> STEP_KEYS = Set.of("rules", "tactics", "techniques", "sources");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private StorylineLoader() {}

  static List<Storyline> parse(String file, String text) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new StorylineException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (document == null) {
      return List.of();
    }
    if (!(document instanceof Map<?, ?> root) || !root.containsKey("storylines")) {
      throw new StorylineException(file + ": expected a mapping with a 'storylines' list");
    }
    if (root.size() != 1) {
      throw new StorylineException(file + ": only 'storylines' is allowed at the top level");
    }
    if (!(root.get("storylines") instanceof List<?> entries)) {
      throw new StorylineException(file + ": 'storylines' must be a list");
    }
    List<Storyline> storylines = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      storylines.add(storyline(file, i, entries.get(i)));
    }
    return checkUnique(storylines, file);
  }

  static List<Storyline> checkUnique(List<Storyline> storylines, String file) {
    Map<String, Integer> seen = new HashMap<>();
    for (Storyline storyline : storylines) {
      if (seen.merge(storyline.id(), 1, Integer::sum) > 1) {
        throw new StorylineException(
            file + ": storyline " + storyline.id() + ": the id is defined more than once");
      }
    }
    return storylines;
  }

  private static Storyline storyline(String file, int index, Object entry) {
    if (!(entry instanceof Map<?, ?> map)) {
      throw new StorylineException(file + ": storyline #" + (index + 1) + ": expected a mapping");
    }
    Object rawId = map.get("id");
    String where =
        file
            + ": storyline "
            + (rawId instanceof String s && !s.isBlank() ? s : "#" + (index + 1))
            + ": ";
    unknownKeys(map, STORYLINE_KEYS, where);
    String id = text(map, "id", where);
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new StorylineException(where + "id must be lower-case letters, digits and '-'");
    }
    String title = text(map, "title", where);
    Severity severity = severity(text(map, "severity", where), where);
    Duration within = map.containsKey("within") ? duration(map.get("within"), where) : null;
    if (!(map.get("steps") instanceof List<?> rawSteps) || rawSteps.size() < 2) {
      throw new StorylineException(where + "'steps' must be a list of at least two steps");
    }
    List<Storyline.Step> steps = new ArrayList<>();
    for (int i = 0; i < rawSteps.size(); i++) {
      steps.add(step(rawSteps.get(i), where + "step " + (i + 1) + ": "));
    }
    return new Storyline(id, title, severity, within, steps);
  }

  private static Storyline.Step step(Object raw, String where) {
    if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
      throw new StorylineException(
          where + "expected a mapping with at least one of " + String.join(", ", STEP_KEYS));
    }
    unknownKeys(map, STEP_KEYS, where);
    Set<EvidenceSource> sources = new LinkedHashSet<>();
    for (String source : strings(map, "sources", where)) {
      try {
        EvidenceSource parsed = EvidenceSource.valueOf(source.toUpperCase(Locale.ROOT));
        if (parsed == EvidenceSource.UNKNOWN) {
          throw new IllegalArgumentException();
        }
        sources.add(parsed);
      } catch (IllegalArgumentException e) {
        throw new StorylineException(
            where + "unknown source '" + source + "' (AUDIT, ADMISSION or RUNTIME)");
      }
    }
    return new Storyline.Step(
        new LinkedHashSet<>(strings(map, "rules", where)),
        strings(map, "tactics", where),
        strings(map, "techniques", where),
        sources);
  }

  private static void unknownKeys(Map<?, ?> map, Set<String> allowed, String where) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw new StorylineException(
            where + "unknown key '" + key + "' (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private static String text(Map<?, ?> map, String key, String where) {
    Object value = map.get(key);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new StorylineException(where + "'" + key + "' is required and must be text");
    }
    return text.strip();
  }

  private static List<String> strings(Map<?, ?> map, String key, String where) {
    Object value = map.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new StorylineException(where + "'" + key + "' must be a non-empty list");
    }
    List<String> strings = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String text) || text.isBlank()) {
        throw new StorylineException(where + "'" + key + "' must hold only text, found " + item);
      }
      strings.add(text.strip());
    }
    return strings;
  }

  private static Severity severity(String value, String where) {
    try {
      Severity severity = Severity.valueOf(value.toUpperCase(Locale.ROOT));
      if (severity.compareTo(Severity.LOW) >= 0) {
        return severity;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw new StorylineException(
        where + "unknown severity '" + value + "' (LOW, MEDIUM, HIGH or CRITICAL)");
  }

  private static Duration duration(Object value, String where) {
    Matcher matcher = DURATION.matcher(String.valueOf(value).strip());
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new StorylineException(
          where + "'within' must be a positive duration such as 90s, 30m or 2h, was " + value);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
