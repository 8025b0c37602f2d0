package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isSet;
import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "AppArmor" (v1.0+): the default AppArmor profile must not be overridden with {@code
 * Unconfined}. Fields {@code appArmorProfile.type} on the pod and containers may be {@code
 * RuntimeDefault} or {@code Localhost}; the deprecated annotations {@code
 * container.apparmor.security.beta.kubernetes.io/*} may be empty, {@code runtime/default} or {@code
 * localhost/*}.
 */
final class AppArmorProfileCheck implements PodSecurityCheck {

  private static final String ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

  @Override
  public String id() {
    return "appArmorProfile";
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
    List<String> setters = new ArrayList<>(0);
    TreeSet<String> badValues = new TreeSet<>();
    JsonNode podProfile = pod.podSecurityContext().path("appArmorProfile");
    if (isSet(podProfile) && !allowedType(podProfile)) {
      setters.add("pod");
      badValues.add(PodSpecView.text(podProfile.path("type")));
    }
    List<String> badContainers = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      JsonNode profile = securityContext(container).path("appArmorProfile");
      if (isSet(profile) && !allowedType(profile)) {
        badContainers.add(PodSpecView.name(container));
        badValues.add(PodSpecView.text(profile.path("type")));
      }
    }
    if (!badContainers.isEmpty()) {
      setters.add(PsaText.containers(badContainers));
    }
    TreeSet<String> badAnnotations = new TreeSet<>();
    JsonNode annotations = pod.annotations();
    if (annotations.isObject()) {
      for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
        String value = PodSpecView.text(annotation.getValue());
        if (annotation.getKey().startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(value)) {
          badAnnotations.add(annotation.getKey() + "=" + PsaText.quote(value));
        }
      }
    }
    List<String> badValueList = new ArrayList<>(badValues);
    if (!badAnnotations.isEmpty()) {
      badValueList.addAll(badAnnotations);
      setters.add(PsaText.pluralize("annotation", "annotations", badAnnotations.size()));
    }
    if (setters.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            id(),
            PsaText.pluralize(
                "forbidden AppArmor profile", "forbidden AppArmor profiles", badValueList.size()),
            String.join(" and ", setters)
                + " must not set AppArmor profile type to "
                + PsaText.joinQuote(badValueList)));
  }

  private static boolean allowedType(JsonNode profile) {
    String type = PodSpecView.text(profile.path("type"));
    return "RuntimeDefault".equals(type) || "Localhost".equals(type);
  }

  private static boolean allowedAnnotation(String value) {
    return value.isEmpty() || "runtime/default".equals(value) || value.startsWith("localhost/");
  }
}
