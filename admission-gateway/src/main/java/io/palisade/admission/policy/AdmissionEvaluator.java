package io.palisade.admission.policy;

import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every policy on a request and turns the findings into a {@link Decision}: any enforced
 * violation denies; otherwise the request is allowed and each unenforced one becomes a warning.
 * Like PSA, a denied request carries no warnings (the full list still goes to Kafka).
 */
public final class AdmissionEvaluator {

  private final List<Policy> policies;

  public AdmissionEvaluator(List<Policy> policies) {
    this.policies = List.copyOf(policies);
  }

  public Decision evaluate(AdmissionRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (Policy policy : policies) {
      violations.addAll(policy.evaluate(request));
    }
    List<String> denials =
        violations.stream().filter(Violation::enforced).map(Violation::message).toList();
    if (!denials.isEmpty()) {
      return new Decision(false, violations, List.of(), denialMessage(request, denials));
    }
    List<String> warnings =
        violations.stream().map(v -> "[" + v.policy() + "] " + v.message()).toList();
    return new Decision(true, violations, warnings, null);
  }

  public List<String> policyNames() {
    return policies.stream().map(Policy::name).toList();
  }

  /** Kubernetes' Forbidden wording, e.g. {@code pods "debug" is forbidden: privileged (…)}. */
  private static String denialMessage(AdmissionRequest request, List<String> denials) {
    String name = request.objectName();
    return request.resource().groupResource()
        + (name.isEmpty() ? "" : " \"" + name + "\"")
        + " is forbidden: "
        + String.join(", ", denials);
  }
}
