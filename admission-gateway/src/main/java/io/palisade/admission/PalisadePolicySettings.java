package io.palisade.admission;

import io.palisade.admission.policy.images.ImageSettings;
import io.palisade.admission.policy.interactive.InteractiveAccessSettings;
import io.palisade.admission.policy.labels.RequiredLabelsSettings;
import io.palisade.admission.policy.rbac.RoleBindingSettings;
import io.palisade.admission.policy.rbac.RoleSettings;
import io.palisade.admission.policy.resources.ContainerResourcesSettings;
import io.palisade.admission.policy.serviceaccounts.AutomountTokenSettings;
import io.palisade.admission.policy.services.ServiceTypeSettings;
import java.util.Objects;

/**
 * The settings of every Palisade policy (the policies beyond Pod Security Standards), one record
 * per policy package. Modes (off / audit / warn / enforce, per namespace) are not settings of the
 * policies: they are applied by the caller to the findings.
 */
public record PalisadePolicySettings(
    ImageSettings images,
    ContainerResourcesSettings resources,
    RequiredLabelsSettings labels,
    AutomountTokenSettings automountToken,
    ServiceTypeSettings serviceType,
    RoleBindingSettings roleBindings,
    RoleSettings roles,
    InteractiveAccessSettings interactiveAccess) {

  public PalisadePolicySettings {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(automountToken, "automountToken");
    Objects.requireNonNull(serviceType, "serviceType");
    Objects.requireNonNull(roleBindings, "roleBindings");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(interactiveAccess, "interactiveAccess");
  }

  /** Every policy's defaults (see the module README's table). */
  public static PalisadePolicySettings defaults() {
    return new PalisadePolicySettings(
        ImageSettings.defaults(),
        ContainerResourcesSettings.defaults(),
        RequiredLabelsSettings.defaults(),
        AutomountTokenSettings.defaults(),
        ServiceTypeSettings.defaults(),
        RoleBindingSettings.defaults(),
        RoleSettings.defaults(),
        InteractiveAccessSettings.defaults());
  }
}
