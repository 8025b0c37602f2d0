package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "HostPath Volumes" (v1.0+): no {@code spec.volumes[*].hostPath}. Restricted replaces it
 * with the stricter {@link RestrictedVolumesCheck}.
 */
final class HostPathVolumesCheck implements PodSecurityCheck {

  static final String ID = "hostPathVolumes";

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
    List<String> hostVolumes = new ArrayList<>(0);
    for (JsonNode volume : pod.spec().path("volumes")) {
      if (isSet(volume.path("hostPath"))) {
        hostVolumes.add(PodSpecView.name(volume));
      }
    }
    if (hostVolumes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            id(),
            "hostPath volumes",
            PsaText.pluralize("volume", "volumes", hostVolumes.size())
                + " "
                + PsaText.joinQuote(hostVolumes)));
  }
}
