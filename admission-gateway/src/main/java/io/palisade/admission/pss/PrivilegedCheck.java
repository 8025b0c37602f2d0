package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isTrue;
import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "Privileged Containers" (v1.0+): privileged containers disable most security mechanisms,
 * so no container may set {@code securityContext.privileged: true}.
 */
final class PrivilegedCheck implements PodSecurityCheck {

  static final String ID = "privileged";

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
    List<String> bad = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      if (isTrue(securityContext(container).path("privileged"))) {
        bad.add(PodSpecView.name(container));
      }
    }
    return bad.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new CheckFailure(
                id(),
                "privileged",
                PsaText.containers(bad) + " must not set securityContext.privileged=true"));
  }
}
