package io.palisade.admission;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.images.ImageDigestPolicy;
import io.palisade.admission.policy.images.ImageRegistryPolicy;
import io.palisade.admission.policy.images.ImageTagPolicy;
import io.palisade.admission.policy.interactive.InteractiveAccessPolicy;
import io.palisade.admission.policy.labels.RequiredLabelsPolicy;
import io.palisade.admission.policy.rbac.RoleBindingPolicy;
import io.palisade.admission.policy.rbac.RolePolicy;
import io.palisade.admission.policy.resources.ContainerResourcesPolicy;
import io.palisade.admission.policy.serviceaccounts.AutomountTokenPolicy;
import io.palisade.admission.policy.services.ServiceTypePolicy;
import io.palisade.admission.pss.PrivilegedContainers;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every policy the gateway evaluates, in the order their findings are reported. Adding a policy is
 * one line here (see the module README).
 */
public final class AdmissionPolicies {

  private AdmissionPolicies() {}

  public static List<Policy> all() {
    return List.of(new PrivilegedContainers());
  }

  /**
   * The Palisade policies (beyond PSS), built from their settings. Their findings are all reported
   * as enforced; the caller applies each policy's mode (see {@link
   * io.palisade.admission.policy.Violation#withEnforced(boolean)}).
   *
   * @param namespaceLabelledProtected true for a namespace labelled {@code
   *     palisade.io/protected=true} (see {@link InteractiveAccessPolicy#labelledProtected})
   */
  public static List<Policy> palisade(
      PalisadePolicySettings settings, Predicate<String> namespaceLabelledProtected) {
    return List.of(
        new ImageRegistryPolicy(settings.images()),
        new ImageTagPolicy(settings.images()),
        new ImageDigestPolicy(settings.images()),
        new ContainerResourcesPolicy(settings.resources()),
        new RequiredLabelsPolicy(settings.labels()),
        new AutomountTokenPolicy(settings.automountToken()),
        new ServiceTypePolicy(settings.serviceType()),
        new RoleBindingPolicy(settings.roleBindings()),
        new RolePolicy(settings.roles()),
        new InteractiveAccessPolicy(settings.interactiveAccess(), namespaceLabelledProtected));
  }
}
