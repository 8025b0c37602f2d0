package io.palisade.admission.policy;

import java.util.Objects;

/**
 * One policy finding.
 *
 * @param policy the {@link Policy#name()} that found it
 * @param message what is wrong, in PSA wording: {@code <reason> (<detail>)}
 * @param enforced true when it denies the request, false when it only warns
 */
public record Violation(String policy, String message, boolean enforced) {

  public Violation {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(message, "message");
  }
}
