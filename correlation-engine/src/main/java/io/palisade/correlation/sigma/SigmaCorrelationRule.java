package io.palisade.correlation.sigma;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule (specification v2): it fires when the matches of the detection rules it
 * references, grouped by the values of {@code group-by}, satisfy its condition within {@code
 * timespan}.
 *
 * @param source the file it was loaded from
 * @param title mandatory title
 * @param id the rule's {@code id}, or null
 * @param name the rule's {@code name}, or null
 * @param level as for detection rules, or null
 * @param description or null
 * @param tags the tags as written
 * @param tactics ATT&CK tactics of the tags, as {@code "TA0007 Discovery"}
 * @param techniques ATT&CK technique ids of the tags
 * @param type {@code event_count}, {@code value_count}, {@code temporal} or {@code
 *     temporal_ordered}
 * @param rules the referenced detection rules by {@code id} or {@code name}, as written (order
 *     matters for {@code temporal_ordered})
 * @param groupBy field names (or alias names) whose values must be equal for matches to count
 *     together; empty = one group per cluster
 * @param timespan the sliding window
 * @param condition the threshold; for temporal types without a condition, "every referenced rule"
 * @param valueField for {@code value_count}: the field whose distinct values are counted
 * @param aliases alias name → (referenced rule id or name → field name in that rule's events)
 * @param generate whether the referenced rules still emit their own signals
 */
public record SigmaCorrelationRule(
    String source,
    String title,
    String id,
    String name,
    String level,
    String description,
    List<String> tags,
    List<String> tactics,
    List<String> techniques,
    Type type,
    List<String> rules,
    List<String> groupBy,
    Duration timespan,
    Condition condition,
    String valueField,
    Map<String, Map<String, String>> aliases,
    boolean generate) {

  public SigmaCorrelationRule {
    tags = List.copyOf(tags);
    tactics = List.copyOf(tactics);
    techniques = List.copyOf(techniques);
    rules = List.copyOf(rules);
    groupBy = List.copyOf(groupBy);
    aliases = Map.copyOf(aliases);
  }

  /** The correlation types Palisade evaluates. */
  public enum Type {
    EVENT_COUNT("event_count"),
    VALUE_COUNT("value_count"),
    TEMPORAL("temporal"),
    TEMPORAL_ORDERED("temporal_ordered");

    private final String sigmaName;

    Type(String sigmaName) {
      this.sigmaName = sigmaName;
    }

    public String sigmaName() {
      return sigmaName;
    }

    /** The type of a {@code correlation.type} value, or null. */
    public static Type of(String value) {
      for (Type type : values()) {
        if (type.sigmaName.equals(value)) {
          return type;
        }
      }
      return null;
    }
  }

  /** A comparison of the correlation's measure (count, distinct values, distinct rules). */
  public enum Operator {
    GT,
    GTE,
    LT,
    LTE,
    EQ,
    NEQ;

    boolean test(long measure, long threshold) {
      return switch (this) {
        case GT -> measure > threshold;
        case GTE -> measure >= threshold;
        case LT -> measure < threshold;
        case LTE -> measure <= threshold;
        case EQ -> measure == threshold;
        case NEQ -> measure != threshold;
      };
    }
  }

  /** One criterion of a condition, e.g. {@code gte: 10}. */
  public record Criterion(Operator operator, long threshold) {}

  /**
   * The condition: its criteria, all of which must hold (one, or two for a range).
   *
   * <p>A condition with only lower bounds ({@code gt}, {@code gte}) can only become true as events
   * arrive, so it is evaluated as each event arrives; any other ({@code lt}, {@code lte}, {@code
   * eq}, {@code neq}, ranges) only once the window is complete.
   */
  public record Condition(List<Criterion> criteria) {

    public Condition {
      criteria = List.copyOf(criteria);
    }

    public boolean test(long measure) {
      for (Criterion criterion : criteria) {
        if (!criterion.operator().test(measure, criterion.threshold())) {
          return false;
        }
      }
      return true;
    }

    /** Whether the condition is monotone: once true, more events keep it true. */
    public boolean lowerBoundOnly() {
      return criteria.stream()
          .allMatch(c -> c.operator() == Operator.GT || c.operator() == Operator.GTE);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      for (Criterion criterion : criteria) {
        if (!text.isEmpty()) {
          text.append(" and ");
        }
        text.append(criterion.operator().name().toLowerCase(java.util.Locale.ROOT))
            .append(' ')
            .append(criterion.threshold());
      }
      return text.toString();
    }
  }

  /** The rule's id when it has one, else its name, else its title. */
  public String key() {
    return id != null ? id : name != null ? name : title;
  }

  /** Title and id, for messages. */
  public String label() {
    return "'" + title + "'" + (id != null ? " (" + id + ")" : "");
  }

  /**
   * The field a referenced rule's events are read at for {@code groupByOrField}: the alias's field
   * for that rule (by id or name) when the name is an alias, else the name itself.
   */
  public String fieldFor(String groupByOrField, SigmaRule rule) {
    Map<String, String> alias = aliases.get(groupByOrField);
    if (alias == null) {
      return groupByOrField;
    }
    if (rule.id() != null && alias.containsKey(rule.id())) {
      return alias.get(rule.id());
    }
    if (rule.name() != null && alias.containsKey(rule.name())) {
      return alias.get(rule.name());
    }
    return groupByOrField;
  }
}
