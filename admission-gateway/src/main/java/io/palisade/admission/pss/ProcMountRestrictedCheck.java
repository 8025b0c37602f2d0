package io.palisade.admission.pss;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Restricted "/proc Mount Type" (v1.35+): like the v1.0 baseline rule, {@code procMount} must be
 * unset or {@code Default} even for pods in a user namespace. It replaces the baseline {@code
 * procMount} check, which from v1.35 relaxes for {@code hostUsers: false}.
 */
final class ProcMountRestrictedCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "procMount_restricted";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.RESTRICTED;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(35));
  }

  @Override
  public Set<String> overrides(PodSecurityVersion version) {
    return Set.of(ProcMountCheck.ID);
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    return ProcMountCheck.forbidUnmasked(id(), pod);
  }
}
