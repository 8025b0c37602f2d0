package io.palisade.admission.policy.interactive;

import java.util.Objects;
import java.util.Set;

/**
 * @param protectedNamespaces namespaces where interactive access is refused, in addition to those
 *     the namespace-label hook reports (label {@code palisade.io/protected=true})
 * @param breakGlassGroups groups whose members may still exec, attach or port-forward there
 * @param subresources the pod subresources that count as interactive access; default {@code exec},
 *     {@code attach}, {@code portforward}
 */
public record InteractiveAccessSettings(
    Set<String> protectedNamespaces, Set<String> breakGlassGroups, Set<String> subresources) {

  public InteractiveAccessSettings {
    protectedNamespaces =
        Set.copyOf(Objects.requireNonNull(protectedNamespaces, "protectedNamespaces"));
    breakGlassGroups = Set.copyOf(Objects.requireNonNull(breakGlassGroups, "breakGlassGroups"));
    subresources = Set.copyOf(Objects.requireNonNull(subresources, "subresources"));
  }

  /** No namespace protected by configuration (only by label), no break-glass group. */
  public static InteractiveAccessSettings defaults() {
    return new InteractiveAccessSettings(
        Set.of(), Set.of(), Set.of("exec", "attach", "portforward"));
  }
}
