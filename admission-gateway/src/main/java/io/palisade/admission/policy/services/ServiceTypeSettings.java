package io.palisade.admission.policy.services;

import java.util.Objects;
import java.util.Set;

/**
 * @param loadBalancerNamespaces namespaces where a Service may be of type LoadBalancer (it exposes
 *     the workload outside the cluster); default none
 */
public record ServiceTypeSettings(Set<String> loadBalancerNamespaces) {

  public ServiceTypeSettings {
    loadBalancerNamespaces =
        Set.copyOf(Objects.requireNonNull(loadBalancerNamespaces, "loadBalancerNamespaces"));
  }

  public static ServiceTypeSettings defaults() {
    return new ServiceTypeSettings(Set.of());
  }
}
