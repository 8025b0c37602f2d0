package io.palisade.notify.routing;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a routing file (what {@code palisade.notifier.routing} holds, as YAML) into the {@link
 * RouteSpec} of its root. Only the shape is checked here: unknown keys (so that a typo is not
 * silently ignored), wrong types and durations, each named by its place in the file, e.g. {@code
 * routes[1].repeat-interval}. Matchers, time windows and receivers are checked by {@link
 * RoutingTree#build}. Scalars follow the YAML 1.2 core schema, so {@code continue: on} is refused
 * rather than read as a boolean.
 */
public final class RoutingFileParser {

  private static final Set<String> ROOT_KEYS = Set.of("receivers", "repeat-interval", "routes");
  private static final Set<String> ROUTE_KEYS =
      Set.of(
          "name", "matchers", "receivers", "continue", "repeat-interval", "active-time", "routes");
  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private RoutingFileParser() {}

  /**
   * Parses a routing file's text.
   *
   * @throws IllegalArgumentException naming where in the file the problem is and what it is
   */
  public static RouteSpec parse(String text) {
    Object root;
    try {
      root = yaml().load(text);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(
          "not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").strip());
    }
    if (root == null) {
      throw new IllegalArgumentException("the file is empty: it needs at least the root receivers");
    }
    Map<String, Object> entries = map(root, "(top level)", ROOT_KEYS);
    return new RouteSpec(
        "root",
        null,
        strings(entries.get("receivers"), "receivers"),
        false,
        duration(entries.get("repeat-interval"), "repeat-interval"),
        null,
        routes(entries.get("routes"), "routes"));
  }

  private static List<RouteSpec> routes(Object value, String where) {
    List<RouteSpec> routes = new ArrayList<>();
    List<?> items = list(value, where);
    for (int i = 0; i < items.size(); i++) {
      String at = where + "[" + i + "]";
      Map<String, Object> route = map(items.get(i), at, ROUTE_KEYS);
      routes.add(
          new RouteSpec(
              string(route.get("name"), at + ".name"),
              strings(route.get("matchers"), at + ".matchers"),
              strings(route.get("receivers"), at + ".receivers"),
              bool(route.get("continue"), at + ".continue"),
              duration(route.get("repeat-interval"), at + ".repeat-interval"),
              strings(route.get("active-time"), at + ".active-time"),
              routes(route.get("routes"), at + ".routes")));
    }
    return routes;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String where, Set<String> keys) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + ": expected a mapping, got " + kind(value));
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String name) || !keys.contains(name)) {
        throw new IllegalArgumentException(
            where
                + ": unknown key '"
                + key
                + "' (allowed: "
                + keys.stream().sorted().toList()
                + ")");
      }
    }
    return (Map<String, Object>) map;
  }

  private static List<?> list(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(where + ": expected a list, got " + kind(value));
    }
    return list;
  }

  private static List<String> strings(Object value, String where) {
    List<String> strings = new ArrayList<>();
    List<?> items = list(value, where);
    for (int i = 0; i < items.size(); i++) {
      String item = string(items.get(i), where + "[" + i + "]");
      if (item == null) {
        throw new IllegalArgumentException(where + "[" + i + "]: must not be empty");
      }
      strings.add(item);
    }
    return strings;
  }

  private static String string(Object value, String where) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number) {
      return value.toString();
    }
    throw new IllegalArgumentException(where + ": expected a string, got " + kind(value));
  }

  private static boolean bool(Object value, String where) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalArgumentException(where + ": expected true or false, got '" + value + "'");
  }

  /** {@code 30m}, {@code 4h}, {@code 500ms}, {@code 1d} or ISO-8601 ({@code PT30M}). */
  static Duration duration(Object value, String where) {
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    Matcher simple = SIMPLE_DURATION.matcher(text);
    try {
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2).toLowerCase(Locale.ROOT)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ": '" + text + "' is not a duration (e.g. 30m, 4h, 1d, PT1H30M)");
    }
  }

  private static String kind(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return "'" + value + "'";
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setAllowRecursiveKeys(false);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options), new Representer(dumper), dumper, options, new CoreSchema());
  }

  /** YAML 1.2 core schema scalars: no yes/no/on/off booleans, no octal, no timestamps. */
  private static final class CoreSchema extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(
          Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789");
      addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL)$"), "~nN");
      addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
    }
  }
}
