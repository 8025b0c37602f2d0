package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Restricted "Volume Types" (v1.0+): only {@code configMap}, {@code csi}, {@code downwardAPI},
 * {@code emptyDir}, {@code ephemeral}, {@code image}, {@code persistentVolumeClaim}, {@code
 * projected} and {@code secret} volumes. Every other type, including ones this code does not know,
 * is denied. Replaces the baseline {@code hostPathVolumes} check.
 */
final class RestrictedVolumesCheck implements PodSecurityCheck {

  private static final String[] ALLOWED = {
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret"
  };

  /** The restricted types PSA names, in the order it tests them. */
  private static final String[] RESTRICTED = {
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "nfs",
    "iscsi",
    "glusterfs",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "fc",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos"
  };

  @Override
  public String id() {
    return "restrictedVolumes";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.RESTRICTED;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(0));
  }

  @Override
  public Set<String> overrides(PodSecurityVersion version) {
    return Set.of(HostPathVolumesCheck.ID);
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    List<String> badVolumes = new ArrayList<>(0);
    TreeSet<String> badTypes = new TreeSet<>();
    for (JsonNode volume : pod.spec().path("volumes")) {
      if (hasAny(volume, ALLOWED) != null || hasNoSource(volume)) {
        continue;
      }
      badVolumes.add(PodSpecView.name(volume));
      String type = hasAny(volume, RESTRICTED);
      badTypes.add(type == null ? "unknown" : type);
    }
    if (badVolumes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            id(),
            "restricted volume types",
            PsaText.pluralize("volume", "volumes", badVolumes.size())
                + " "
                + PsaText.joinQuote(badVolumes)
                + " "
                + PsaText.pluralize("uses", "use", badVolumes.size())
                + " "
                + PsaText.pluralize(
                    "restricted volume type", "restricted volume types", badTypes.size())
                + " "
                + PsaText.joinQuote(badTypes)));
  }

  /**
   * Whether a volume names no source at all. The API server defaults such a volume to {@code
   * emptyDir} before admission (upstream fixtures rely on it), so it is allowed; a volume with a
   * source field this code does not know is an {@code unknown} type and denied.
   */
  private static boolean hasNoSource(JsonNode volume) {
    for (String field : volume.propertyNames()) {
      if (!"name".equals(field) && isSet(volume.path(field))) {
        return false;
      }
    }
    return true;
  }

  /** The first of {@code types} set on the volume, or null. */
  private static String hasAny(JsonNode volume, String[] types) {
    for (String type : types) {
      if (isSet(volume.path(type))) {
        return type;
      }
    }
    return null;
  }
}
