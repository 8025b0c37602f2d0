package io.palisade.admission.scope;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of {@code admission-policy.yaml}, validated. See the module README for the format.
 *
 * @param defaults cluster defaults per mode, complete (built-in values fill what the file omits)
 * @param namespaceOverrides namespace → levels imposed regardless of the namespace's labels
 * @param workloads whether enforce denies workloads or only warns about them
 * @param exemptions in file order (the first that applies wins)
 * @param defaultPolicyMode mode of a Palisade policy the file does not list
 * @param policies policy name → mode, namespace modes and settings
 */
public record AdmissionPolicyFile(
    NamespaceSecurity defaults,
    Map<String, PodSecuritySettings> namespaceOverrides,
    WorkloadEnforcement workloads,
    List<Exemption> exemptions,
    PolicyMode defaultPolicyMode,
    Map<String, PolicySettings> policies) {

  /**
   * The built-in cluster defaults: enforce {@code baseline:latest}, audit and warn {@code
   * restricted:latest} (the combination the Kubernetes documentation suggests for a first rollout).
   * PSA's own default is privileged for all three, which would make the gateway check nothing.
   */
  public static final NamespaceSecurity BUILT_IN_DEFAULTS =
      NamespaceSecurity.of(
          LevelVersion.BASELINE_LATEST,
          LevelVersion.RESTRICTED_LATEST,
          LevelVersion.RESTRICTED_LATEST);

  /** Enforce on workloads too: the reason to use this gateway rather than PSA. */
  public static final WorkloadEnforcement BUILT_IN_WORKLOADS = WorkloadEnforcement.ENFORCE;

  /** New policies record what they would do and block nothing until configured. */
  public static final PolicyMode BUILT_IN_POLICY_MODE = PolicyMode.AUDIT;

  /** What an absent or empty file means. */
  public static final AdmissionPolicyFile BUILT_IN =
      new AdmissionPolicyFile(
          BUILT_IN_DEFAULTS,
          Map.of(),
          BUILT_IN_WORKLOADS,
          List.of(),
          BUILT_IN_POLICY_MODE,
          Map.of());

  public AdmissionPolicyFile {
    Objects.requireNonNull(defaults, "defaults");
    namespaceOverrides = Map.copyOf(namespaceOverrides);
    Objects.requireNonNull(workloads, "workloads");
    exemptions = List.copyOf(exemptions);
    Objects.requireNonNull(defaultPolicyMode, "defaultPolicyMode");
    policies = Map.copyOf(policies);
  }
}
