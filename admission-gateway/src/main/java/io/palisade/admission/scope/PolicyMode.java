package io.palisade.admission.scope;

import java.util.Locale;

/**
 * What a Palisade policy's violations do: {@code off} (not evaluated), {@code audit} (recorded in
 * the published decision and audit annotations), {@code warn} (also returned as warnings), {@code
 * enforce} (the request is denied).
 */
public enum PolicyMode {
  OFF,
  AUDIT,
  WARN,
  ENFORCE;

  /** The lower-case name used in configuration. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code off}, {@code audit}, {@code warn} or {@code enforce}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static PolicyMode parse(String text) {
    for (PolicyMode mode : values()) {
      if (mode.label().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "\"" + text + "\" is not a mode (must be one of off, audit, warn, enforce)");
  }

  @Override
  public String toString() {
    return label();
  }
}
