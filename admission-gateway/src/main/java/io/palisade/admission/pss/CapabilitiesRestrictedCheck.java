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
 * Restricted "Capabilities" (v1.22+; v1.25): every container must drop {@code ALL} capabilities and
 * may add back only {@code NET_BIND_SERVICE}. Replaces the baseline capabilities check. From v1.25
 * Windows pods are exempt.
 */
final class CapabilitiesRestrictedCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "capabilities_restricted";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.RESTRICTED;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(22), PodSecurityVersion.v1(25));
  }

  @Override
  public Set<String> overrides(PodSecurityVersion version) {
    return Set.of(CapabilitiesBaselineCheck.ID);
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    if (version.atLeast(25) && pod.isWindows()) {
      return Optional.empty();
    }
    List<String> missingDropAll = new ArrayList<>(0);
    List<String> addingForbidden = new ArrayList<>(0);
    TreeSet<String> forbidden = new TreeSet<>();
    for (JsonNode container : pod.containers()) {
      String name = PodSpecView.name(container);
      JsonNode capabilities = securityContext(container).path("capabilities");
      if (!isSet(capabilities)) {
        missingDropAll.add(name);
        continue;
      }
      boolean droppedAll = false;
      for (JsonNode dropped : capabilities.path("drop")) {
        if ("ALL".equals(PodSpecView.text(dropped))) {
          droppedAll = true;
          break;
        }
      }
      if (!droppedAll) {
        missingDropAll.add(name);
      }
      boolean addedForbidden = false;
      for (JsonNode added : capabilities.path("add")) {
        String capability = PodSpecView.text(added);
        if (!"NET_BIND_SERVICE".equals(capability)) {
          addedForbidden = true;
          forbidden.add(capability);
        }
      }
      if (addedForbidden) {
        addingForbidden.add(name);
      }
    }
    List<String> details = new ArrayList<>(0);
    if (!missingDropAll.isEmpty()) {
      details.add(
          PsaText.containers(missingDropAll)
              + " must set securityContext.capabilities.drop=[\"ALL\"]");
    }
    if (!addingForbidden.isEmpty()) {
      details.add(
          PsaText.containers(addingForbidden)
              + " must not include "
              + PsaText.joinQuote(forbidden)
              + " in securityContext.capabilities.add");
    }
    return details.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new CheckFailure(id(), "unrestricted capabilities", String.join("; ", details)));
  }
}
