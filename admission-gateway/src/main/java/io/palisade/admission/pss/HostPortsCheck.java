package io.palisade.admission.pss;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "Host Ports" (v1.0+): containers must not bind host ports ({@code ports[*].hostPort}
 * unset or 0).
 */
final class HostPortsCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "hostPorts";
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
    // Go's sets.String sorts as text, not numerically ("10000" before "8080"), and so do we.
    TreeSet<String> hostPorts = new TreeSet<>();
    for (JsonNode container : pod.containers()) {
      boolean valid = true;
      for (JsonNode port : container.path("ports")) {
        JsonNode hostPort = port.path("hostPort");
        if (hostPort.isNumber() && hostPort.longValue() != 0) {
          valid = false;
          hostPorts.add(Long.toString(hostPort.longValue()));
        }
      }
      if (!valid) {
        badContainers.add(PodSpecView.name(container));
      }
    }
    if (badContainers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            id(),
            "hostPort",
            PsaText.containers(badContainers)
                + " "
                + PsaText.pluralize("uses", "use", badContainers.size())
                + " "
                + PsaText.pluralize("hostPort", "hostPorts", hostPorts.size())
                + " "
                + String.join(", ", hostPorts)));
  }
}
