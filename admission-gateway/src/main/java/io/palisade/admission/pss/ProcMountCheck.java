package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isSet;
import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "/proc Mount Type" (v1.0+; v1.35): the default /proc masks must stay, so {@code
 * securityContext.procMount} must be unset or {@code Default}. From v1.35 a pod in a user namespace
 * ({@code hostUsers: false}) may set any value; restricted keeps forbidding it through {@link
 * ProcMountRestrictedCheck}.
 */
final class ProcMountCheck implements PodSecurityCheck {

  static final String ID = "procMount";

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
    return List.of(PodSecurityVersion.v1(0), PodSecurityVersion.v1(35));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    if (version.atLeast(35) && pod.inUserNamespace()) {
      return Optional.empty();
    }
    return forbidUnmasked(id(), pod);
  }

  /** The unconditional v1.0 rule, shared with {@link ProcMountRestrictedCheck}. */
  static Optional<CheckFailure> forbidUnmasked(String checkId, PodSpecView pod) {
    List<String> badContainers = new ArrayList<>(0);
    TreeSet<String> badTypes = new TreeSet<>();
    for (JsonNode container : pod.containers()) {
      JsonNode procMount = securityContext(container).path("procMount");
      if (isSet(procMount) && !"Default".equals(PodSpecView.text(procMount))) {
        badContainers.add(PodSpecView.name(container));
        badTypes.add(PodSpecView.text(procMount));
      }
    }
    if (badContainers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            checkId,
            "procMount",
            PsaText.containers(badContainers)
                + " must not set securityContext.procMount to "
                + PsaText.joinQuote(badTypes)));
  }
}
