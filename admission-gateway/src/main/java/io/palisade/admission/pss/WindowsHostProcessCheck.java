package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isTrue;
import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "HostProcess" (v1.0+): Windows HostProcess containers have privileged access to the
 * host, so neither the pod nor any container may set {@code
 * securityContext.windowsOptions.hostProcess: true}.
 */
final class WindowsHostProcessCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "windowsHostProcess";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.BASELINE;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(0));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    List<String> badContainers = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      if (isTrue(hostProcess(securityContext(container)))) {
        badContainers.add(PodSpecView.name(container));
      }
    }
    List<String> setters = new ArrayList<>(2);
    if (isTrue(hostProcess(pod.podSecurityContext()))) {
      setters.add("pod");
    }
    if (!badContainers.isEmpty()) {
      setters.add(PsaText.containers(badContainers));
    }
    if (setters.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            id(),
            "hostProcess",
            String.join(" and ", setters)
                + " must not set securityContext.windowsOptions.hostProcess=true"));
  }

  private static JsonNode hostProcess(JsonNode securityContext) {
    return securityContext.path("windowsOptions").path("hostProcess");
  }
}
