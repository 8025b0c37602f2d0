package io.palisade.admission.pss;

import java.util.Locale;

/**
 * A Pod Security Standards level. {@code privileged} checks nothing, {@code baseline} prevents
 * known privilege escalations, {@code restricted} is baseline plus hardening best practices (some
 * restricted checks replace a baseline one, see {@link PodSecurityCheck#overrides}).
 */
public enum PodSecurityLevel {
  PRIVILEGED,
  BASELINE,
  RESTRICTED;

  /** The lower-case name used in namespace labels and messages, e.g. {@code baseline}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a level as written in the {@code pod-security.kubernetes.io/<mode>} label.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is not a level
   */
  public static PodSecurityLevel parse(String text) {
    for (PodSecurityLevel level : values()) {
      if (level.label().equals(text)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "not a Pod Security level: \"" + text + "\" (expected privileged, baseline or restricted)");
  }

  @Override
  public String toString() {
    return label();
  }
}
