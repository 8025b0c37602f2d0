package io.palisade.correlation.sigma;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A compiled test of one event value against one rule value. Values are those a {@link SigmaEvent}
 * yields: strings, numbers and booleans compare by their text (Sigma treats all values as strings),
 * case-insensitively unless the rule says {@code cased}; in that case the expected text is
 * lower-cased once at load and only the event value is lower-cased per test.
 */
sealed interface ValueMatcher {

  boolean matches(Object value);

  /** How the rule's value reads in explanations. */
  String describe();

  /** The event value as Sigma compares it: its text, or null for null and objects. */
  static String text(Object value) {
    if (value instanceof String string) {
      return string;
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Number number) {
      return number.toString();
    }
    return null;
  }

  private static String text(Object value, boolean cased) {
    String text = text(value);
    return text == null || cased ? text : text.toLowerCase(Locale.ROOT);
  }

  /** Equal to a literal. */
  record Equals(String expected, boolean cased) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      String text = text(value);
      return text != null && (cased ? expected.equals(text) : expected.equalsIgnoreCase(text));
    }

    @Override
    public String describe() {
      return "'" + expected + "'";
    }
  }

  /** Starts with a literal ({@code startswith}, or a value ending in its only {@code *}). */
  record StartsWith(String prefix, boolean cased) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      String text = text(value);
      return text != null && text.regionMatches(!cased, 0, prefix, 0, prefix.length());
    }

    @Override
    public String describe() {
      return "'" + prefix + "*'";
    }
  }

  /** Ends with a literal. */
  record EndsWith(String suffix, boolean cased) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      String text = text(value);
      return text != null
          && text.length() >= suffix.length()
          && text.regionMatches(
              !cased, text.length() - suffix.length(), suffix, 0, suffix.length());
    }

    @Override
    public String describe() {
      return "'*" + suffix + "'";
    }
  }

  /** Contains a literal. */
  record Contains(String infix, boolean cased) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      String text = text(value, cased);
      return text != null && text.contains(infix);
    }

    @Override
    public String describe() {
      return "'*" + infix + "*'";
    }
  }

  /** A lone {@code *}: any value that is present and not null, objects included. */
  record AnyValue() implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      return value != null;
    }

    @Override
    public String describe() {
      return "'*'";
    }
  }

  /**
   * A wildcard pattern that is not a plain prefix, suffix or infix, compiled to a regular
   * expression matched against the whole value.
   */
  record Wildcard(String pattern, Pattern regex, boolean cased) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      String text = text(value, cased);
      return text != null && regex.matcher(text).matches();
    }

    @Override
    public String describe() {
      return "'" + pattern + "'";
    }
  }

  /** The {@code re} modifier: a regular expression found anywhere in the value (unanchored). */
  record Regex(Pattern regex) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      String text = text(value);
      return text != null && regex.matcher(text).find();
    }

    @Override
    public String describe() {
      return "/" + regex.pattern() + "/";
    }
  }

  /** The {@code cidr} modifier: an IP address literal inside a network. */
  record Cidr(String network, byte[] address, int prefixLength) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      String text = text(value);
      if (text == null) {
        return false;
      }
      byte[] candidate = IpAddresses.parse(text);
      return candidate != null && IpAddresses.inNetwork(candidate, address, prefixLength);
    }

    @Override
    public String describe() {
      return "cidr " + network;
    }
  }

  /** The numeric modifiers {@code gt}, {@code gte}, {@code lt}, {@code lte}. */
  record Compare(String operator, BigDecimal bound) implements ValueMatcher {
    @Override
    public boolean matches(Object value) {
      BigDecimal number = number(value);
      if (number == null) {
        return false;
      }
      int order = number.compareTo(bound);
      return switch (operator) {
        case "gt" -> order > 0;
        case "gte" -> order >= 0;
        case "lt" -> order < 0;
        case "lte" -> order <= 0;
        default -> throw new IllegalStateException(operator);
      };
    }

    private static BigDecimal number(Object value) {
      if (value instanceof Integer || value instanceof Long) {
        return BigDecimal.valueOf(((Number) value).longValue());
      }
      if (value instanceof BigDecimal decimal) {
        return decimal;
      }
      String text = value instanceof Boolean ? null : text(value);
      if (text == null) {
        return null;
      }
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }

    @Override
    public String describe() {
      return operator + " " + bound.toPlainString();
    }
  }
}
