package io.palisade.admission.policy;

import java.util.Objects;

/**
 * One policy finding.
 *
 * <p>Pod Security checks word the message like PSA ({@code <reason> (<detail>)}) and decide {@code
 * enforced} themselves (pods deny, pod templates warn). Palisade policies ({@code palisade:*}) do
 * not know the mode they run in: they report every finding with {@code enforced = true}, meaning
 * "denies when this policy is in enforce mode", and the caller that applies the mode (off / audit /
 * warn / enforce, per namespace) rewrites it with {@link #withEnforced(boolean)}.
 *
 * @param policy the {@link Policy#name()} that found it
 * @param message what is wrong, short enough for an API-server warning (under ~120 characters)
 * @param enforced true when it denies the request, false when it only warns
 * @param fieldPath where in the object the problem is, e.g. {@code
 *     spec.template.spec.containers[0].image}; empty when the finding has no single field
 */
public record Violation(String policy, String message, boolean enforced, String fieldPath) {

  public Violation {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fieldPath, "fieldPath (use \"\" when there is none)");
  }

  /** A finding without a field path (PSS checks word the location into the message). */
  public Violation(String policy, String message, boolean enforced) {
    this(policy, message, enforced, "");
  }

  /**
   * A Palisade policy finding at {@code fieldPath}: the message is {@code <fieldPath>: <problem>},
   * cut to {@link ShortText#MAX_MESSAGE} characters, and it is enforced until a mode says
   * otherwise.
   */
  public static Violation at(String policy, String fieldPath, String problem) {
    String message = fieldPath.isEmpty() ? problem : fieldPath + ": " + problem;
    return new Violation(policy, ShortText.cut(message, ShortText.MAX_MESSAGE), true, fieldPath);
  }

  /** The same finding with the given action, for the caller that applies a policy's mode. */
  public Violation withEnforced(boolean enforce) {
    return enforce == enforced ? this : new Violation(policy, message, enforce, fieldPath);
  }
}
