package io.palisade.admission.policy.resources;

import java.util.Objects;
import java.util.Set;

/**
 * Which resources every container must declare.
 *
 * @param requests resource names that need a request, e.g. {@code cpu}, {@code memory}
 * @param limits resource names that need a limit
 */
public record ContainerResourcesSettings(Set<String> requests, Set<String> limits) {

  public ContainerResourcesSettings {
    requests = Set.copyOf(Objects.requireNonNull(requests, "requests"));
    limits = Set.copyOf(Objects.requireNonNull(limits, "limits"));
  }

  /** Requests and limits for both CPU and memory. */
  public static ContainerResourcesSettings defaults() {
    return new ContainerResourcesSettings(Set.of("cpu", "memory"), Set.of("cpu", "memory"));
  }
}
