package io.palisade.admission;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.images.ImageDigestPolicy;
import io.palisade.admission.policy.images.ImageRegistryPolicy;
import io.palisade.admission.policy.images.ImageSettings;
import io.palisade.admission.policy.images.ImageTagPolicy;
import io.palisade.admission.policy.interactive.InteractiveAccessPolicy;
import io.palisade.admission.policy.interactive.InteractiveAccessSettings;
import io.palisade.admission.policy.labels.RequiredLabelsPolicy;
import io.palisade.admission.policy.labels.RequiredLabelsSettings;
import io.palisade.admission.policy.rbac.RoleBindingPolicy;
import io.palisade.admission.policy.rbac.RoleBindingSettings;
import io.palisade.admission.policy.rbac.RolePolicy;
import io.palisade.admission.policy.rbac.RoleSettings;
import io.palisade.admission.policy.resources.ContainerResourcesPolicy;
import io.palisade.admission.policy.resources.ContainerResourcesSettings;
import io.palisade.admission.policy.serviceaccounts.AutomountTokenPolicy;
import io.palisade.admission.policy.serviceaccounts.AutomountTokenSettings;
import io.palisade.admission.policy.services.ServiceTypePolicy;
import io.palisade.admission.policy.services.ServiceTypeSettings;
import io.palisade.admission.scope.AdmissionScope;
import io.palisade.admission.scope.Exemptions;
import io.palisade.admission.scope.LevelVersion;
import io.palisade.admission.scope.NamespaceSecurity;
import io.palisade.admission.scope.NamespaceSecurityResolver;
import io.palisade.admission.scope.PolicyMode;
import io.palisade.admission.scope.PolicyModes;
import io.palisade.admission.scope.WorkloadEnforcement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the gateway applies, compiled from one version of the policy file: its scope (Pod Security
 * levels per namespace, exemptions, policy modes) and the Palisade policies built from the file's
 * settings. Compiling checks every setting, so a file with a wrong one is refused as a whole when
 * it is loaded (and the running rules are kept), not found out request by request.
 *
 * <p>A policy's settings in the file are the fields of its settings record (see the module README);
 * what the file leaves out keeps the record's default. The three image policies share one record,
 * so their settings are merged. Digest pinning ({@value ImageDigestPolicy#NAME}) is opt-in: it is
 * off unless the file lists it.
 *
 * @param scope the file's scope
 * @param policies the Palisade policies, in report order
 */
public record AdmissionRules(AdmissionScope scope, List<Policy> policies) {

  /** Policies that are off unless the policy file lists them. */
  static final Set<String> OPT_IN = Set.of(ImageDigestPolicy.NAME);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public AdmissionRules {
    Objects.requireNonNull(scope, "scope");
    policies = List.copyOf(policies);
  }

  /**
   * @param protectedNamespace whether a namespace is labelled {@code palisade.io/protected=true}
   * @throws IllegalArgumentException naming the policy and setting when a setting is not valid
   */
  public static AdmissionRules compile(AdmissionScope scope, Predicate<String> protectedNamespace) {
    return new AdmissionRules(
        scope, AdmissionPolicies.palisade(settings(scope), protectedNamespace));
  }

  /** Every Palisade policy's settings: the file's, over each settings record's defaults. */
  static PalisadePolicySettings settings(AdmissionScope scope) {
    return new PalisadePolicySettings(
        bind(
            ImageSettings.class,
            ImageSettings.defaults(),
            merged(scope, ImageRegistryPolicy.NAME, ImageTagPolicy.NAME, ImageDigestPolicy.NAME)),
        bind(
            ContainerResourcesSettings.class,
            ContainerResourcesSettings.defaults(),
            merged(scope, ContainerResourcesPolicy.NAME)),
        bind(
            RequiredLabelsSettings.class,
            RequiredLabelsSettings.defaults(),
            merged(scope, RequiredLabelsPolicy.NAME)),
        bind(
            AutomountTokenSettings.class,
            AutomountTokenSettings.defaults(),
            merged(scope, AutomountTokenPolicy.NAME)),
        bind(
            ServiceTypeSettings.class,
            ServiceTypeSettings.defaults(),
            merged(scope, ServiceTypePolicy.NAME)),
        roleBindings(merged(scope, RoleBindingPolicy.NAME)),
        bind(RoleSettings.class, RoleSettings.defaults(), merged(scope, RolePolicy.NAME)),
        bind(
            InteractiveAccessSettings.class,
            InteractiveAccessSettings.defaults(),
            merged(scope, InteractiveAccessPolicy.NAME)));
  }

  /**
   * Fixed rules for code without a policy file (tests, benchmarks): no Pod Security level in any
   * namespace, and every given policy enforced as it reports its findings.
   */
  public static AdmissionRules fixed(List<Policy> policies) {
    NamespaceSecurity privileged =
        NamespaceSecurity.of(
            LevelVersion.PRIVILEGED_LATEST,
            LevelVersion.PRIVILEGED_LATEST,
            LevelVersion.PRIVILEGED_LATEST);
    Clock clock = Clock.systemUTC();
    return new AdmissionRules(
        new AdmissionScope(
            new NamespaceSecurityResolver(privileged, Map.of()),
            Exemptions.none(clock),
            PolicyModes.all(PolicyMode.ENFORCE),
            Map.of(),
            WorkloadEnforcement.WARN),
        policies);
  }

  /**
   * The rules of the scope {@code scopes} gives now, compiled once per scope version (a reloaded
   * policy file is a new version).
   */
  public static Supplier<AdmissionRules> following(
      Supplier<AdmissionScope> scopes, Predicate<String> protectedNamespace) {
    AtomicReference<AdmissionRules> compiled = new AtomicReference<>();
    return () -> {
      AdmissionScope scope = scopes.get();
      AdmissionRules rules = compiled.get();
      if (rules == null || rules.scope() != scope) {
        rules = compile(scope, protectedNamespace);
        compiled.set(rules);
      }
      return rules;
    };
  }

  /** The mode of a Palisade policy for a request in {@code namespace}. */
  public PolicyMode modeFor(Policy policy, String namespace) {
    if (OPT_IN.contains(policy.name()) && !scope.policySettings().containsKey(policy.name())) {
      return PolicyMode.OFF;
    }
    return scope.policyModes().modeFor(policy.name(), namespace);
  }

  public List<String> policyNames() {
    return policies.stream().map(Policy::name).toList();
  }

  /**
   * The settings the file gives {@code names}, merged in order; each key tagged with its policy.
   */
  private static Map<String, Setting> merged(AdmissionScope scope, String... names) {
    Map<String, Setting> merged = new LinkedHashMap<>();
    for (String name : names) {
      scope.settingsFor(name).forEach((key, value) -> merged.put(key, new Setting(name, value)));
    }
    return merged;
  }

  private record Setting(String policy, Object value) {}

  /** The file's role-binding settings: subjects in their written form {@code Kind:name}. */
  private static RoleBindingSettings roleBindings(Map<String, Setting> settings) {
    RoleBindingSettings defaults = RoleBindingSettings.defaults();
    Setting subjects = settings.remove("allowedSubjects");
    RoleBindingSettings bound = bind(RoleBindingSettings.class, defaults, settings);
    if (subjects == null) {
      return bound;
    }
    if (!(subjects.value() instanceof List<?> list)
        || !list.stream().allMatch(String.class::isInstance)) {
      throw invalid(
          subjects.policy(),
          "allowedSubjects",
          "must be a list of subjects like Group:system:masters or ServiceAccount:ns:name");
    }
    try {
      return RoleBindingSettings.of(
          bound.privilegedRoles(), list.stream().map(String.class::cast).toList());
    } catch (IllegalArgumentException e) {
      throw invalid(subjects.policy(), "allowedSubjects", e.getMessage());
    }
  }

  /** {@code defaults} with the given fields replaced; unknown fields and bad values are errors. */
  private static <T> T bind(Class<T> type, T defaults, Map<String, Setting> settings) {
    if (settings.isEmpty()) {
      return defaults;
    }
    ObjectNode tree = JSON.valueToTree(defaults);
    for (Map.Entry<String, Setting> setting : settings.entrySet()) {
      String key = setting.getKey();
      if (!tree.has(key)) {
        throw invalid(
            setting.getValue().policy(),
            key,
            "is not a setting of this policy; it has " + String.join(", ", tree.propertyNames()));
      }
      JsonNode value = JSON.valueToTree(setting.getValue().value());
      tree.set(key, value);
    }
    try {
      return JSON.treeToValue(tree, type);
    } catch (JacksonException e) {
      String policies =
          String.join(", ", settings.values().stream().map(Setting::policy).distinct().toList());
      throw new IllegalArgumentException(
          "policies." + policies + ".settings: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof JacksonException jackson
        ? jackson.getOriginalMessage()
        : root.getMessage();
  }

  private static IllegalArgumentException invalid(String policy, String key, String problem) {
    return new IllegalArgumentException("policies." + policy + ".settings." + key + " " + problem);
  }
}
