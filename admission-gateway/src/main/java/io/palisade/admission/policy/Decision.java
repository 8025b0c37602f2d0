package io.palisade.admission.policy;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one request.
 *
 * @param allowed false when at least one enforced violation was found
 * @param violations every finding, enforced or not, in policy order
 * @param warnings what the client is shown when the request is allowed; empty when denied
 * @param denialMessage why the request was denied; null when allowed
 */
public record Decision(
    boolean allowed, List<Violation> violations, List<String> warnings, String denialMessage) {

  public Decision {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
    if (!allowed) {
      Objects.requireNonNull(denialMessage, "a denial needs a message");
    }
  }
}
