package io.palisade.audit.filter;

/** A value of a filter rule: literal text in which {@code *} matches any text, also none. */
final class Glob {

  private Glob() {}

  static boolean matches(String pattern, String text) {
    if (text == null) {
      return false;
    }
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(text);
    }
    String[] parts = pattern.split("\\*", -1);
    if (!text.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = text.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return text.length() - at >= last.length() && text.endsWith(last);
  }
}
