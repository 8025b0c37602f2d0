package io.palisade.admission.policy.serviceaccounts;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.workload.WorkloadPod;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code palisade:automount-token}: a pod or pod template sets {@code
 * spec.automountServiceAccountToken: false}, unless its namespace is allowed. A pod that does not
 * set the field gets the token mounted (unless its ServiceAccount opts out, which admission cannot
 * see), so unset is a finding too: a stolen token is the usual first step from a compromised
 * container to the API.
 */
public final class AutomountTokenPolicy implements Policy {

  public static final String NAME = "palisade:automount-token";

  private final AutomountTokenSettings settings;

  public AutomountTokenPolicy(AutomountTokenSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    if (settings.allowedNamespaces().contains(request.namespace())) {
      return List.of();
    }
    return WorkloadPod.in(request).map(this::check).orElse(List.of());
  }

  private List<Violation> check(WorkloadPod pod) {
    JsonNode automount = pod.spec().path("automountServiceAccountToken");
    if (automount.isBoolean() && !automount.booleanValue()) {
      return List.of();
    }
    String problem =
        automount.isBoolean()
            ? "must be false, not true"
            : "must be set to false (unset mounts the token)";
    return List.of(Violation.at(NAME, pod.specPath() + ".automountServiceAccountToken", problem));
  }
}
