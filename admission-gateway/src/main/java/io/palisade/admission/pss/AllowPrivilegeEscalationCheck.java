package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isFalse;
import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Restricted "Privilege Escalation" (v1.8+; v1.25): every container must set {@code
 * securityContext.allowPrivilegeEscalation: false} explicitly. From v1.25 Windows pods are exempt.
 */
final class AllowPrivilegeEscalationCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "allowPrivilegeEscalation";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.RESTRICTED;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(8), PodSecurityVersion.v1(25));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    if (version.atLeast(25) && pod.isWindows()) {
      return Optional.empty();
    }
    List<String> bad = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      if (!isFalse(securityContext(container).path("allowPrivilegeEscalation"))) {
        bad.add(PodSpecView.name(container));
      }
    }
    return bad.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new CheckFailure(
                id(),
                "allowPrivilegeEscalation != false",
                PsaText.containers(bad)
                    + " must set securityContext.allowPrivilegeEscalation=false"));
  }
}
