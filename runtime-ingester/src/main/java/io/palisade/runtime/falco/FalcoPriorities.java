package io.palisade.runtime.falco;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.Severity;
import java.util.Locale;
import java.util.Optional;

/**
 * Falco's priority names as alerts spell them ({@code Warning}), as rules files do ({@code
 * WARNING}), or in any other case; {@code info} is Falco's own alias of {@code Informational}. Each
 * maps to one Palisade {@link Severity}.
 */
public final class FalcoPriorities {

  private FalcoPriorities() {}

  public static Optional<FalcoPriority> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("INFO")) {
      return Optional.of(FalcoPriority.INFORMATIONAL);
    }
    for (FalcoPriority priority : FalcoPriority.values()) {
      if (priority != FalcoPriority.UNKNOWN && priority.name().equals(upper)) {
        return Optional.of(priority);
      }
    }
    return Optional.empty();
  }

  /**
   * Emergency, Alert and Critical are {@code CRITICAL}; Error {@code HIGH}; Warning {@code MEDIUM};
   * Notice {@code LOW}; Informational and Debug {@code INFO}.
   */
  public static Severity severityOf(FalcoPriority priority) {
    return switch (priority) {
      case EMERGENCY, ALERT, CRITICAL -> Severity.CRITICAL;
      case ERROR -> Severity.HIGH;
      case WARNING -> Severity.MEDIUM;
      case NOTICE -> Severity.LOW;
      case INFORMATIONAL, DEBUG -> Severity.INFO;
      case UNKNOWN -> Severity.UNKNOWN;
    };
  }
}
