package io.palisade.correlation.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code field|modifiers: values} entry of a selection, compiled. A field name may stand for
 * several paths (a logsource alias, see {@link SigmaLogsource}); the field's values are those of
 * all its paths.
 */
sealed interface FieldCondition {

  boolean matches(SigmaEvent event);

  /** The field name and modifiers as the rule wrote them. */
  String key();

  /** How the condition reads in explanations. */
  String describe();

  /** The event paths the field name stands for. */
  List<FieldPath> paths();

  /** The field's first few values in {@code event}, for explanations. */
  default List<String> valuesIn(SigmaEvent event) {
    List<String> values = new ArrayList<>();
    for (FieldPath path : paths()) {
      event.anyValue(
          path,
          value -> {
            values.add(
                value == null
                    ? "null"
                    : value instanceof String s ? "'" + s + "'" : value.toString());
            return values.size() >= 5;
          });
    }
    return values;
  }

  /**
   * Value comparisons: any value of the field matches any of the matchers, or, with {@code all},
   * every matcher matches some value. {@code matchesNull} adds the rule value {@code null}: the
   * field is then also satisfied when it has no non-null value.
   */
  record Values(
      String key,
      List<FieldPath> paths,
      List<ValueMatcher> matchers,
      boolean all,
      boolean matchesNull)
      implements FieldCondition {

    @Override
    public boolean matches(SigmaEvent event) {
      if (matchesNull && !present(event)) {
        return true;
      }
      if (all) {
        for (ValueMatcher matcher : matchers) {
          if (!any(event, matcher)) {
            return false;
          }
        }
        return !matchers.isEmpty();
      }
      for (FieldPath path : paths) {
        if (event.anyValue(path, this::anyMatcher)) {
          return true;
        }
      }
      return false;
    }

    private boolean anyMatcher(Object value) {
      if (value == null) {
        return false;
      }
      for (ValueMatcher matcher : matchers) {
        if (matcher.matches(value)) {
          return true;
        }
      }
      return false;
    }

    private boolean any(SigmaEvent event, ValueMatcher matcher) {
      for (FieldPath path : paths) {
        if (event.anyValue(path, value -> value != null && matcher.matches(value))) {
          return true;
        }
      }
      return false;
    }

    private boolean present(SigmaEvent event) {
      for (FieldPath path : paths) {
        if (event.anyValue(path, Objects::nonNull)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String describe() {
      List<String> expected = new ArrayList<>();
      matchers.forEach(matcher -> expected.add(matcher.describe()));
      if (matchesNull) {
        expected.add("null");
      }
      String joined = String.join(all ? " and " : ", ", expected);
      return key
          + (expected.size() > 1 ? (all ? " all of [" : " one of [") + joined + "]" : " " + joined);
    }
  }

  /** The {@code exists} modifier: the field is present (even when null), or absent. */
  record Exists(String key, List<FieldPath> paths, boolean expected) implements FieldCondition {
    @Override
    public boolean matches(SigmaEvent event) {
      for (FieldPath path : paths) {
        if (event.anyValue(path, value -> true)) {
          return expected;
        }
      }
      return !expected;
    }

    @Override
    public String describe() {
      return key + (expected ? " exists" : " does not exist");
    }
  }

  /**
   * The {@code fieldref} modifier: some value of the field equals some value of the referenced
   * field (as text, case-insensitively unless {@code cased}).
   */
  record FieldRef(
      String key,
      List<FieldPath> paths,
      List<String> referenceNames,
      List<List<FieldPath>> references,
      boolean cased)
      implements FieldCondition {
    @Override
    public boolean matches(SigmaEvent event) {
      for (List<FieldPath> reference : references) {
        List<String> referenced = new ArrayList<>();
        for (FieldPath path : reference) {
          event.anyValue(
              path,
              value -> {
                String text = ValueMatcher.text(value);
                if (text != null) {
                  referenced.add(cased ? text : text.toLowerCase(Locale.ROOT));
                }
                return false;
              });
        }
        if (referenced.isEmpty()) {
          continue;
        }
        for (FieldPath path : paths) {
          boolean equal =
              event.anyValue(
                  path,
                  value -> {
                    String text = ValueMatcher.text(value);
                    return text != null
                        && referenced.contains(cased ? text : text.toLowerCase(Locale.ROOT));
                  });
          if (equal) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public String describe() {
      return key + " equals field " + String.join(" or ", referenceNames);
    }
  }
}
