package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isSet;
import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "Seccomp" (v1.0+; v1.19): the seccomp profile must not be {@code Unconfined}. Up to
 * v1.18 the annotations {@code seccomp.security.alpha.kubernetes.io/pod} and {@code
 * container.seccomp.security.alpha.kubernetes.io/<container>} are checked ({@code runtime/default},
 * {@code docker/default}, {@code localhost/*}); from v1.19 the fields {@code
 * securityContext.seccompProfile.type} of the pod and containers ({@code RuntimeDefault}, {@code
 * Localhost}, or unset).
 */
final class SeccompProfileBaselineCheck implements PodSecurityCheck {

  static final String ID = "seccompProfile_baseline";

  private static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
  private static final String CONTAINER_ANNOTATION_PREFIX =
      "container.seccomp.security.alpha.kubernetes.io/";

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
    return List.of(PodSecurityVersion.v1(0), PodSecurityVersion.v1(19));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    return version.atLeast(19) ? checkFields(pod) : checkAnnotations(pod);
  }

  private Optional<CheckFailure> checkAnnotations(PodSpecView pod) {
    JsonNode annotations = pod.annotations();
    TreeSet<String> forbidden = new TreeSet<>();
    addIfForbidden(annotations, POD_ANNOTATION, forbidden);
    for (JsonNode container : pod.containers()) {
      addIfForbidden(
          annotations, CONTAINER_ANNOTATION_PREFIX + PodSpecView.name(container), forbidden);
    }
    if (forbidden.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            id(),
            "seccompProfile",
            "forbidden "
                + PsaText.pluralize("annotation", "annotations", forbidden.size())
                + " "
                + String.join(", ", forbidden)));
  }

  private static void addIfForbidden(JsonNode annotations, String key, TreeSet<String> forbidden) {
    JsonNode value = annotations.path(key);
    if (value.isMissingNode()) {
      return;
    }
    String text = PodSpecView.text(value);
    if (!("runtime/default".equals(text)
        || "docker/default".equals(text)
        || text.startsWith("localhost/"))) {
      forbidden.add(key + "=" + PsaText.quote(text));
    }
  }

  private Optional<CheckFailure> checkFields(PodSpecView pod) {
    List<String> setters = new ArrayList<>(0);
    TreeSet<String> badValues = new TreeSet<>();
    JsonNode podProfile = pod.podSecurityContext().path("seccompProfile");
    if (isSet(podProfile) && !validType(podProfile)) {
      setters.add("pod");
      badValues.add(PodSpecView.text(podProfile.path("type")));
    }
    List<String> badContainers = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      JsonNode profile = securityContext(container).path("seccompProfile");
      if (isSet(profile) && !validType(profile)) {
        badContainers.add(PodSpecView.name(container));
        badValues.add(PodSpecView.text(profile.path("type")));
      }
    }
    if (!badContainers.isEmpty()) {
      setters.add(PsaText.containers(badContainers));
    }
    if (setters.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(badSetters(id(), setters, badValues));
  }

  /** Whether a {@code seccompProfile} has type {@code RuntimeDefault} or {@code Localhost}. */
  static boolean validType(JsonNode profile) {
    String type = PodSpecView.text(profile.path("type"));
    return "RuntimeDefault".equals(type) || "Localhost".equals(type);
  }

  /** The failure for a pod or containers that set a forbidden {@code seccompProfile.type}. */
  static CheckFailure badSetters(String checkId, List<String> setters, TreeSet<String> badValues) {
    return new CheckFailure(
        checkId,
        "seccompProfile",
        String.join(" and ", setters)
            + " must not set securityContext.seccompProfile.type to "
            + PsaText.joinQuote(badValues));
  }
}
