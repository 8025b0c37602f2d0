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
 * Restricted "Seccomp" (v1.19+; v1.25): a seccomp profile must be set explicitly, {@code
 * RuntimeDefault} or {@code Localhost}, on the pod or on every container. Replaces the baseline
 * seccomp check. From v1.25 Windows pods ({@code spec.os.name: windows}) are exempt.
 */
final class SeccompProfileRestrictedCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "seccompProfile_restricted";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.RESTRICTED;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(19), PodSecurityVersion.v1(25));
  }

  @Override
  public Set<String> overrides(PodSecurityVersion version) {
    return Set.of(SeccompProfileBaselineCheck.ID);
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    if (version.atLeast(25) && pod.isWindows()) {
      return Optional.empty();
    }
    List<String> setters = new ArrayList<>(0);
    TreeSet<String> badValues = new TreeSet<>();
    boolean podProfileValid = false;
    JsonNode podProfile = pod.podSecurityContext().path("seccompProfile");
    if (isSet(podProfile)) {
      if (SeccompProfileBaselineCheck.validType(podProfile)) {
        podProfileValid = true;
      } else {
        setters.add("pod");
        badValues.add(PodSpecView.text(podProfile.path("type")));
      }
    }
    List<String> explicitlyBad = new ArrayList<>(0);
    List<String> implicitlyBad = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      JsonNode profile = securityContext(container).path("seccompProfile");
      if (isSet(profile)) {
        if (!SeccompProfileBaselineCheck.validType(profile)) {
          explicitlyBad.add(PodSpecView.name(container));
          badValues.add(PodSpecView.text(profile.path("type")));
        }
      } else if (!podProfileValid) {
        implicitlyBad.add(PodSpecView.name(container));
      }
    }
    if (!explicitlyBad.isEmpty()) {
      setters.add(PsaText.containers(explicitlyBad));
    }
    if (!setters.isEmpty()) {
      return Optional.of(SeccompProfileBaselineCheck.badSetters(id(), setters, badValues));
    }
    if (!implicitlyBad.isEmpty()) {
      return Optional.of(
          new CheckFailure(
              id(),
              "seccompProfile",
              "pod or "
                  + PsaText.containers(implicitlyBad)
                  + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or"
                  + " \"Localhost\""));
    }
    return Optional.empty();
  }
}
