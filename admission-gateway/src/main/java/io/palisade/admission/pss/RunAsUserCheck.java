package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Restricted "Running as Non-root user" (v1.23+; v1.35): neither the pod nor a container may set
 * {@code runAsUser: 0}. From v1.35 a pod in a user namespace ({@code hostUsers: false}) passes.
 */
final class RunAsUserCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "runAsUser";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.RESTRICTED;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(23), PodSecurityVersion.v1(35));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    if (version.atLeast(35) && pod.inUserNamespace()) {
      return Optional.empty();
    }
    List<String> setters = new ArrayList<>(0);
    if (isRoot(pod.podSecurityContext().path("runAsUser"))) {
      setters.add("pod");
    }
    List<String> badContainers = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      if (isRoot(securityContext(container).path("runAsUser"))) {
        badContainers.add(PodSpecView.name(container));
      }
    }
    if (!badContainers.isEmpty()) {
      setters.add(PsaText.containers(badContainers));
    }
    return setters.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new CheckFailure(
                id(), "runAsUser=0", String.join(" and ", setters) + " must not set runAsUser=0"));
  }

  private static boolean isRoot(JsonNode runAsUser) {
    return runAsUser.isNumber() && runAsUser.longValue() == 0;
  }
}
