package io.palisade.admission.policy.resources;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which resources every container must declare, and optionally how much at most.
 *
 * @param requests resource names that need a request, e.g. {@code cpu}, {@code memory}
 * @param limits resource names that need a limit
 * @param maxRequests the largest request allowed per resource, as Kubernetes quantities ({@code
 *     memory: 1Gi}); empty for no cap
 * @param maxLimits the largest limit allowed per resource; empty for no cap
 * @throws IllegalArgumentException when a maximum is not a quantity
 */
public record ContainerResourcesSettings(
    Set<String> requests,
    Set<String> limits,
    Map<String, String> maxRequests,
    Map<String, String> maxLimits) {

  public ContainerResourcesSettings {
    requests = Set.copyOf(Objects.requireNonNull(requests, "requests"));
    limits = Set.copyOf(Objects.requireNonNull(limits, "limits"));
    maxRequests = Map.copyOf(Objects.requireNonNull(maxRequests, "maxRequests"));
    maxLimits = Map.copyOf(Objects.requireNonNull(maxLimits, "maxLimits"));
    maxRequests.forEach((resource, max) -> Quantity.require("maxRequests." + resource, max));
    maxLimits.forEach((resource, max) -> Quantity.require("maxLimits." + resource, max));
  }

  /** Required requests and limits, no caps. */
  public ContainerResourcesSettings(Set<String> requests, Set<String> limits) {
    this(requests, limits, Map.of(), Map.of());
  }

  /** Requests and limits for both CPU and memory, no caps. */
  public static ContainerResourcesSettings defaults() {
    return new ContainerResourcesSettings(Set.of("cpu", "memory"), Set.of("cpu", "memory"));
  }
}
