package io.palisade.admission.scope;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the evaluator asks about scope, built once per policy file version: which Pod Security
 * levels apply in a namespace, which exemption applies to a request, which mode each Palisade
 * policy has, the policies' settings, and what enforce does to workloads.
 */
public record AdmissionScope(
    NamespaceSecurityResolver podSecurity,
    Exemptions exemptions,
    PolicyModes policyModes,
    Map<String, Map<String, Object>> policySettings,
    WorkloadEnforcement workloads) {

  public AdmissionScope {
    policySettings = Map.copyOf(policySettings);
  }

  /** The scope a policy file describes; exemption expiry is judged by {@code clock}. */
  public static AdmissionScope from(AdmissionPolicyFile file, Clock clock) {
    Map<String, PolicyMode> byPolicy = new HashMap<>();
    Map<String, Map<String, PolicyMode>> byNamespace = new HashMap<>();
    Map<String, Map<String, Object>> settings = new HashMap<>();
    file.policies()
        .forEach(
            (name, policy) -> {
              if (policy.mode() != null) {
                byPolicy.put(name, policy.mode());
              }
              byNamespace.put(name, policy.namespaceModes());
              settings.put(name, policy.settings());
            });
    return new AdmissionScope(
        new NamespaceSecurityResolver(file.defaults(), file.namespaceOverrides()),
        new Exemptions(file.exemptions(), clock),
        new PolicyModes(file.defaultPolicyMode(), byPolicy, byNamespace),
        settings,
        file.workloads());
  }

  /** The scope without a policy file ({@link AdmissionPolicyFile#BUILT_IN}). */
  public static AdmissionScope builtIn(Clock clock) {
    return from(AdmissionPolicyFile.BUILT_IN, clock);
  }

  /**
   * Parses {@code admission-policy.yaml} content into a scope, for {@link ReloadingConfig}: {@code
   * ReloadingConfig.load(path, AdmissionScope.parser(clock), listener)}.
   */
  public static ReloadingConfig.Parser<AdmissionScope> parser(Clock clock) {
    AdmissionPolicyFileParser parser = new AdmissionPolicyFileParser();
    return (file, text) -> from(parser.parse(file.toString(), text), clock);
  }

  /** A policy's settings from the file; empty when the file has none for it. */
  public Map<String, Object> settingsFor(String policyName) {
    return policySettings.getOrDefault(policyName, Map.of());
  }
}
