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
 * Baseline "SELinux" (v1.0+; v1.31): {@code seLinuxOptions.type} on the pod and containers may only
 * be empty, {@code container_t}, {@code container_init_t}, {@code container_kvm_t} (and {@code
 * container_engine_t} from v1.31); {@code user} and {@code role} must not be set.
 */
final class SeLinuxOptionsCheck implements PodSecurityCheck {

  private static final Set<String> ALLOWED_TYPES_1_0 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t");
  private static final Set<String> ALLOWED_TYPES_1_31 =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  @Override
  public String id() {
    return "seLinuxOptions";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.BASELINE;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(0), PodSecurityVersion.v1(31));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    Findings findings = new Findings(version.atLeast(31) ? ALLOWED_TYPES_1_31 : ALLOWED_TYPES_1_0);
    List<String> setters = new ArrayList<>(0);
    JsonNode podOptions = pod.podSecurityContext().path("seLinuxOptions");
    if (isSet(podOptions) && !findings.valid(podOptions)) {
      setters.add("pod");
    }
    List<String> badContainers = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      JsonNode options = securityContext(container).path("seLinuxOptions");
      if (isSet(options) && !findings.valid(options)) {
        badContainers.add(PodSpecView.name(container));
      }
    }
    if (!badContainers.isEmpty()) {
      setters.add(PsaText.containers(badContainers));
    }
    if (setters.isEmpty()) {
      return Optional.empty();
    }
    List<String> what = new ArrayList<>(3);
    if (!findings.badTypes.isEmpty()) {
      what.add(
          PsaText.pluralize("type", "types", findings.badTypes.size())
              + " "
              + PsaText.joinQuote(findings.badTypes));
    }
    if (findings.setUser) {
      what.add("user may not be set");
    }
    if (findings.setRole) {
      what.add("role may not be set");
    }
    return Optional.of(
        new CheckFailure(
            id(),
            "seLinuxOptions",
            String.join(" and ", setters)
                + " set forbidden securityContext.seLinuxOptions: "
                + String.join("; ", what)));
  }

  /** What was wrong across the pod and its containers. */
  private static final class Findings {
    private final Set<String> allowedTypes;
    private final TreeSet<String> badTypes = new TreeSet<>();
    private boolean setUser;
    private boolean setRole;

    Findings(Set<String> allowedTypes) {
      this.allowedTypes = allowedTypes;
    }

    boolean valid(JsonNode options) {
      boolean valid = true;
      String type = PodSpecView.text(options.path("type"));
      if (!allowedTypes.contains(type)) {
        valid = false;
        badTypes.add(type);
      }
      if (!PodSpecView.text(options.path("user")).isEmpty()) {
        valid = false;
        setUser = true;
      }
      if (!PodSpecView.text(options.path("role")).isEmpty()) {
        valid = false;
        setRole = true;
      }
      return valid;
    }
  }
}
