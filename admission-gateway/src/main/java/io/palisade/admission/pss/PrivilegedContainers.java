package io.palisade.admission.pss;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * PSS baseline control "Privileged Containers" (PSA check {@code privileged}): no container, init
 * container or ephemeral container may set {@code securityContext.privileged: true}.
 */
public final class PrivilegedContainers implements Policy {

  public static final String NAME = "pss:privileged";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    return PodUnderReview.in(request).map(this::check).orElse(List.of());
  }

  private List<Violation> check(PodUnderReview pod) {
    List<String> privileged =
        pod.containers().stream()
            .filter(container -> isTrue(container.path("securityContext").path("privileged")))
            .map(container -> container.path("name").stringValue(""))
            .toList();
    if (privileged.isEmpty()) {
      return List.of();
    }
    String containers =
        (privileged.size() == 1 ? "container " : "containers ")
            + privileged.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
    return List.of(
        pod.violation(
            NAME, "privileged", containers + " must not set securityContext.privileged=true"));
  }

  private static boolean isTrue(JsonNode flag) {
    return flag.isBoolean() && flag.booleanValue();
  }
}
