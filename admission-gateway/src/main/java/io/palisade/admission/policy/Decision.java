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
 * @param details applicability, audit annotations, audit-only findings and the exemption applied
 *     (filled by the mode layer; {@link DecisionDetails#NONE} otherwise)
 */
public record Decision(
    boolean allowed,
    List<Violation> violations,
    List<String> warnings,
    String denialMessage,
    DecisionDetails details) {

  public Decision {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
    if (!allowed) {
      Objects.requireNonNull(denialMessage, "a denial needs a message");
    }
    Objects.requireNonNull(details, "details (use DecisionDetails.NONE)");
  }

  /** A decision without details: applicable, no audit annotations, no exemption. */
  public Decision(
      boolean allowed, List<Violation> violations, List<String> warnings, String denialMessage) {
    this(allowed, violations, warnings, denialMessage, DecisionDetails.NONE);
  }

  /** The answer to a request of a kind no policy applies to: allowed, recorded as such. */
  public static Decision notApplicable() {
    return new Decision(true, List.of(), List.of(), null, DecisionDetails.notApplicable());
  }

  /** The same verdict with other details, for the layer that applies modes and exemptions. */
  public Decision withDetails(DecisionDetails newDetails) {
    return new Decision(allowed, violations, warnings, denialMessage, newDetails);
  }
}
