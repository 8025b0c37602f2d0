package io.palisade.admission.policy.labels;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One required label.
 *
 * @param key the label key, e.g. {@code app.kubernetes.io/name}
 * @param allowedRegex a Java regular expression the whole value must match; empty (or null, as a
 *     policy file that leaves it out says) for any value
 */
public record LabelRequirement(String key, String allowedRegex) {

  public LabelRequirement {
    Objects.requireNonNull(key, "key");
    allowedRegex = allowedRegex == null ? "" : allowedRegex;
    if (key.isBlank()) {
      throw new IllegalArgumentException("a required label needs a key");
    }
    try {
      Pattern.compile(allowedRegex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "required label \""
              + key
              + "\": allowedRegex is not a valid regular expression: "
              + e.getDescription(),
          e);
    }
  }

  /** The key with any value. */
  public static LabelRequirement key(String key) {
    return new LabelRequirement(key, "");
  }

  /** The value pattern, null when any value is accepted. */
  Pattern valuePattern() {
    return allowedRegex.isEmpty() ? null : Pattern.compile(allowedRegex);
  }
}
