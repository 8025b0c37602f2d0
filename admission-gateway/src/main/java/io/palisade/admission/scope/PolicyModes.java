package io.palisade.admission.scope;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The mode of each Palisade policy in each namespace. Most specific wins: the policy's mode for
 * that namespace, else the policy's own mode, else the default mode for policies the configuration
 * does not list.
 */
public final class PolicyModes {

  private final PolicyMode defaultMode;
  private final Map<String, PolicyMode> byPolicy;
  private final Map<String, Map<String, PolicyMode>> byPolicyAndNamespace;

  /**
   * @param defaultMode for policies not listed in {@code byPolicy}
   * @param byPolicy policy name → mode
   * @param byPolicyAndNamespace policy name → namespace → mode
   */
  public PolicyModes(
      PolicyMode defaultMode,
      Map<String, PolicyMode> byPolicy,
      Map<String, Map<String, PolicyMode>> byPolicyAndNamespace) {
    this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
    this.byPolicy = Map.copyOf(byPolicy);
    Map<String, Map<String, PolicyMode>> copy = new HashMap<>();
    byPolicyAndNamespace.forEach((policy, modes) -> copy.put(policy, Map.copyOf(modes)));
    this.byPolicyAndNamespace = Map.copyOf(copy);
  }

  /** Every policy in the same mode. */
  public static PolicyModes all(PolicyMode mode) {
    return new PolicyModes(mode, Map.of(), Map.of());
  }

  /**
   * The mode of {@code policyName} for a request in {@code namespace} (empty for cluster-scoped
   * objects, which only the policy-wide mode covers).
   */
  public PolicyMode modeFor(String policyName, String namespace) {
    PolicyMode inNamespace = byPolicyAndNamespace.getOrDefault(policyName, Map.of()).get(namespace);
    if (inNamespace != null) {
      return inNamespace;
    }
    return byPolicy.getOrDefault(policyName, defaultMode);
  }

  public PolicyMode defaultMode() {
    return defaultMode;
  }
}
