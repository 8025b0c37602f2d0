package io.palisade.notify.routing;

import io.palisade.avro.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on an incident, written as in Alertmanager: {@code field op value}, e.g. {@code
 * severity>=HIGH}, {@code namespace=~shop|payments}, {@code tactic=execution}, {@code
 * cluster!=dev}. Operators: {@code =} equals, {@code !=} differs, {@code =~} matches the regex
 * (anchored), {@code !~} does not match; {@code severity} also takes {@code >=} and {@code <=}.
 * Fields with several values (namespace, tactic, technique, rule, entity) match when <em>any</em>
 * value does for {@code =}/{@code =~}, and when <em>none</em> does for {@code !=}/{@code !~}.
 *
 * <p>Fields: {@code id}, {@code cluster}, {@code status} (OPEN, RESOLVED, MERGED), {@code
 * severity}, {@code namespace}, {@code tactic}, {@code technique}, {@code rule} (a signal's rule
 * id, i.e. a step of the attack), {@code storyline} (a storyline the incident matched, e.g. {@code
 * rbac-escalation-then-shell}), {@code entity} (any entity name).
 */
public record Matcher(String text, String field, Operator operator, String value, Pattern pattern) {

  /** The comparison a matcher makes. */
  public enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~"),
    AT_LEAST(">="),
    AT_MOST("<=");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  static final List<String> FIELDS =
      List.of(
          "id",
          "cluster",
          "status",
          "severity",
          "namespace",
          "tactic",
          "technique",
          "rule",
          "storyline",
          "entity");

  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([a-z]+)\\s*(=~|!~|!=|>=|<=|=)\\s*(.*?)\\s*");

  /**
   * Parses one matcher.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static Matcher parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a matcher must not be empty");
    }
    java.util.regex.Matcher parts = SYNTAX.matcher(text);
    if (!parts.matches()) {
      throw new IllegalArgumentException(
          "matcher '" + text + "' is not 'field op value' (op one of = != =~ !~ >= <=)");
    }
    String field = parts.group(1);
    if (!FIELDS.contains(field)) {
      throw new IllegalArgumentException(
          "matcher '" + text + "': unknown field '" + field + "', expected one of " + FIELDS);
    }
    Operator operator =
        Arrays.stream(Operator.values())
            .filter(op -> op.symbol.equals(parts.group(2)))
            .findFirst()
            .orElseThrow();
    String value = unquote(parts.group(3));
    if ((operator == Operator.AT_LEAST || operator == Operator.AT_MOST)
        && !field.equals("severity")) {
      throw new IllegalArgumentException(
          "matcher '" + text + "': " + operator.symbol + " only applies to severity");
    }
    if (field.equals("severity") && operator != Operator.REGEX && operator != Operator.NOT_REGEX) {
      value = value.toUpperCase(Locale.ROOT);
      try {
        severity(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("matcher '" + text + "': " + e.getMessage());
      }
    }
    if (field.equals("status") && operator != Operator.REGEX && operator != Operator.NOT_REGEX) {
      value = value.toUpperCase(Locale.ROOT);
      if (!List.of("OPEN", "RESOLVED", "MERGED").contains(value)) {
        throw new IllegalArgumentException(
            "matcher '" + text + "': status is one of OPEN, RESOLVED, MERGED");
      }
    }
    Pattern pattern = null;
    if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
      try {
        pattern = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "matcher '" + text + "': invalid regex: " + e.getDescription());
      }
    }
    return new Matcher(text.strip(), field, operator, value, pattern);
  }

  /** A Palisade severity by name, with a clear error. */
  static Severity severity(String name) {
    try {
      return Severity.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown severity '" + name + "', expected one of " + Arrays.toString(Severity.values()));
    }
  }

  public boolean matches(RoutingSubject subject) {
    return switch (operator) {
      case AT_LEAST -> subject.severity().ordinal() >= Severity.valueOf(value).ordinal();
      case AT_MOST -> subject.severity().ordinal() <= Severity.valueOf(value).ordinal();
      case EQUAL -> values(subject).stream().anyMatch(value::equals);
      case NOT_EQUAL -> values(subject).stream().noneMatch(value::equals);
      case REGEX -> values(subject).stream().anyMatch(this::regexMatches);
      case NOT_REGEX -> values(subject).stream().noneMatch(this::regexMatches);
    };
  }

  private boolean regexMatches(String candidate) {
    return pattern.matcher(candidate).matches();
  }

  private List<String> values(RoutingSubject subject) {
    return switch (field) {
      case "id" -> List.of(subject.id());
      case "cluster" -> List.of(subject.cluster());
      case "status" -> List.of(subject.status());
      case "severity" -> List.of(subject.severity().name());
      case "namespace" -> subject.namespaces();
      case "tactic" -> subject.tactics();
      case "technique" -> subject.techniques();
      case "rule" -> subject.rules();
      case "storyline" -> subject.storylines();
      case "entity" -> subject.entities();
      default -> throw new IllegalStateException("unknown field " + field);
    };
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  @Override
  public String toString() {
    return text;
  }
}
