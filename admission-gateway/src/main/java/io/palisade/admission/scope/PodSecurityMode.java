package io.palisade.admission.scope;

import java.util.Locale;

/**
 * The three independent Pod Security Admission modes: {@code enforce} denies, {@code audit}
 * records, {@code warn} returns a warning to the client. Each has its own level and version.
 */
public enum PodSecurityMode {
  ENFORCE,
  AUDIT,
  WARN;

  /** The name used in labels and configuration, e.g. {@code enforce}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
