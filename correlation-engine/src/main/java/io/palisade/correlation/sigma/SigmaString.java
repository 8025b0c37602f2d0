package io.palisade.correlation.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Sigma string value: literal text with the wildcards {@code *} (any run) and {@code ?} (one
 * character). Escapes follow the specification: {@code \*} and {@code \?} are the plain characters,
 * {@code \\} is one backslash, and a backslash before anything else is itself.
 *
 * <p>{@link #compile} picks the cheapest matcher: equality, prefix, suffix, infix, or a regular
 * expression only for wildcards in the middle or {@code ?}.
 */
final class SigmaString {

  /** A part: literal text, or a wildcard ({@code STAR}, {@code ONE}). */
  private record Part(String literal, char wildcard) {
    static final Part STAR = new Part(null, '*');
    static final Part ONE = new Part(null, '?');

    boolean isLiteral() {
      return literal != null;
    }
  }

  private final List<Part> parts;

  private SigmaString(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  static SigmaString parse(String value) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char escaped = value.charAt(i + 1);
        if (escaped == '*' || escaped == '?' || escaped == '\\') {
          literal.append(escaped);
          i += 2;
          continue;
        }
        literal.append(c);
        i++;
      } else if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          parts.add(new Part(literal.toString(), (char) 0));
          literal.setLength(0);
        }
        Part wildcard = c == '*' ? Part.STAR : Part.ONE;
        if (!(wildcard == Part.STAR
            && !parts.isEmpty()
            && parts.get(parts.size() - 1) == Part.STAR)) {
          parts.add(wildcard);
        }
        i++;
      } else {
        literal.append(c);
        i++;
      }
    }
    if (!literal.isEmpty()) {
      parts.add(new Part(literal.toString(), (char) 0));
    }
    return new SigmaString(parts);
  }

  boolean hasWildcards() {
    return parts.stream().anyMatch(part -> !part.isLiteral());
  }

  /** The text without wildcards (only meaningful when {@link #hasWildcards()} is false). */
  String literal() {
    StringBuilder text = new StringBuilder();
    parts.forEach(
        part -> text.append(part.isLiteral() ? part.literal() : String.valueOf(part.wildcard())));
    return text.toString();
  }

  SigmaString withLeadingStar() {
    if (!parts.isEmpty() && parts.get(0) == Part.STAR) {
      return this;
    }
    List<Part> withStar = new ArrayList<>();
    withStar.add(Part.STAR);
    withStar.addAll(parts);
    return new SigmaString(withStar);
  }

  SigmaString withTrailingStar() {
    if (!parts.isEmpty() && parts.get(parts.size() - 1) == Part.STAR) {
      return this;
    }
    List<Part> withStar = new ArrayList<>(parts);
    withStar.add(Part.STAR);
    return new SigmaString(withStar);
  }

  /**
   * The fastest matcher for this value; {@code cased} keeps case, otherwise both sides are
   * lower-cased.
   */
  ValueMatcher compile(boolean cased) {
    int size = parts.size();
    if (size == 0) {
      return new ValueMatcher.Equals("", cased);
    }
    if (size == 1 && parts.get(0) == Part.STAR) {
      return new ValueMatcher.AnyValue();
    }
    if (size == 1 && parts.get(0).isLiteral()) {
      return new ValueMatcher.Equals(fold(parts.get(0).literal(), cased), cased);
    }
    if (size == 2 && parts.get(0) == Part.STAR && parts.get(1).isLiteral()) {
      return new ValueMatcher.EndsWith(fold(parts.get(1).literal(), cased), cased);
    }
    if (size == 2 && parts.get(0).isLiteral() && parts.get(1) == Part.STAR) {
      return new ValueMatcher.StartsWith(fold(parts.get(0).literal(), cased), cased);
    }
    if (size == 3
        && parts.get(0) == Part.STAR
        && parts.get(1).isLiteral()
        && parts.get(2) == Part.STAR) {
      return new ValueMatcher.Contains(fold(parts.get(1).literal(), cased), cased);
    }
    StringBuilder regex = new StringBuilder();
    StringBuilder written = new StringBuilder();
    for (Part part : parts) {
      if (part.isLiteral()) {
        regex.append(Pattern.quote(fold(part.literal(), cased)));
        written.append(
            part.literal().replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
      } else {
        regex.append(part == Part.STAR ? ".*" : ".");
        written.append(part.wildcard());
      }
    }
    return new ValueMatcher.Wildcard(
        written.toString(), Pattern.compile(regex.toString(), Pattern.DOTALL), cased);
  }

  private static String fold(String text, boolean cased) {
    return cased ? text : text.toLowerCase(Locale.ROOT);
  }
}
