package io.palisade.admission.policy.resources;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.workload.WorkloadPod;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code palisade:container-resources}: every init and regular container of a pod or pod template
 * sets the configured requests and limits. Ephemeral containers are skipped: the API forbids
 * resources on them. Only presence is checked, not amounts. One finding per container, at {@code
 * …resources}, listing what is missing.
 */
public final class ContainerResourcesPolicy implements Policy {

  public static final String NAME = "palisade:container-resources";

  private final ContainerResourcesSettings settings;

  public ContainerResourcesPolicy(ContainerResourcesSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    if (settings.requests().isEmpty() && settings.limits().isEmpty()) {
      return List.of();
    }
    return WorkloadPod.in(request).map(this::check).orElse(List.of());
  }

  private List<Violation> check(WorkloadPod pod) {
    List<Violation> violations = new ArrayList<>();
    for (WorkloadPod.Container container : pod.containers()) {
      if (container.isEphemeral()) {
        continue;
      }
      JsonNode resources = container.node().path("resources");
      List<String> missing = new ArrayList<>();
      missing.addAll(missing("limits", settings.limits(), resources.path("limits")));
      missing.addAll(missing("requests", settings.requests(), resources.path("requests")));
      if (!missing.isEmpty()) {
        violations.add(
            Violation.at(
                NAME, container.path() + ".resources", "missing " + String.join(", ", missing)));
      }
    }
    return violations;
  }

  private static List<String> missing(String kind, Set<String> required, JsonNode declared) {
    List<String> missing = new ArrayList<>();
    for (String resource : new TreeSet<>(required)) {
      JsonNode value = declared.path(resource);
      if (value.isMissingNode()
          || value.isNull()
          || (value.isString() && value.stringValue().isBlank())) {
        missing.add(kind + "." + resource);
      }
    }
    return missing;
  }
}
