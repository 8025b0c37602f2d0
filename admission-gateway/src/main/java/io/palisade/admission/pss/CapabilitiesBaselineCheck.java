package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isSet;
import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "Capabilities" (v1.0+): containers may only add the capabilities a container runtime
 * grants by default ({@code securityContext.capabilities.add}); {@code NET_RAW} and everything else
 * is forbidden.
 */
final class CapabilitiesBaselineCheck implements PodSecurityCheck {

  static final String ID = "capabilities_baseline";

  private static final Set<String> ALLOWED =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  @Override
  public String id() {
    return ID;
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
    TreeSet<String> nonDefault = new TreeSet<>();
    for (JsonNode container : pod.containers()) {
      JsonNode capabilities = securityContext(container).path("capabilities");
      if (!isSet(capabilities)) {
        continue;
      }
      boolean valid = true;
      for (JsonNode added : capabilities.path("add")) {
        String capability = PodSpecView.text(added);
        if (!ALLOWED.contains(capability)) {
          valid = false;
          nonDefault.add(capability);
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
            "non-default capabilities",
            PsaText.containers(badContainers)
                + " must not include "
                + PsaText.joinQuote(nonDefault)
                + " in securityContext.capabilities.add"));
  }
}
