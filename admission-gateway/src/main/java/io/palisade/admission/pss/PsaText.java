package io.palisade.admission.pss;

import java.util.Collection;

/** The wording helpers pod-security-admission uses in its details, so messages match exactly. */
final class PsaText {

  private PsaText() {}

  /** {@code singular} for a count of one, else {@code plural}. */
  static String pluralize(String singular, String plural, int count) {
    return count == 1 ? singular : plural;
  }

  /** Each value Go-quoted ({@code %q}) and joined by {@code ", "}: {@code "a", "b"}. */
  static String joinQuote(Collection<String> values) {
    StringBuilder joined = new StringBuilder();
    for (String value : values) {
      if (!joined.isEmpty()) {
        joined.append(", ");
      }
      quote(joined, value);
    }
    return joined.toString();
  }

  /** {@code container "a"} or {@code containers "a", "b"}. */
  static String containers(Collection<String> names) {
    return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
  }

  /** A Go {@code %q} quoted string. */
  static String quote(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 2);
    quote(quoted, value);
    return quoted.toString();
  }

  private static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
