package io.palisade.admission.policy.serviceaccounts;

import java.util.Objects;
import java.util.Set;

/**
 * @param allowedNamespaces namespaces whose pods may mount their service-account token (system
 *     components that talk to the API); default {@code kube-system}
 */
public record AutomountTokenSettings(Set<String> allowedNamespaces) {

  public AutomountTokenSettings {
    allowedNamespaces = Set.copyOf(Objects.requireNonNull(allowedNamespaces, "allowedNamespaces"));
  }

  public static AutomountTokenSettings defaults() {
    return new AutomountTokenSettings(Set.of("kube-system"));
  }
}
