package io.palisade.admission.pss;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;

/**
 * Only the PSS baseline control "Privileged Containers" (PSA check {@code privileged}) as a gateway
 * policy: no container, init container or ephemeral container may set {@code
 * securityContext.privileged: true}. The gateway's default until per-namespace levels are wired;
 * {@link PodSecurityPolicy} evaluates a whole level.
 */
public final class PrivilegedContainers implements Policy {

  public static final String NAME = PodSecurityPolicy.PREFIX + PrivilegedCheck.ID;

  private static final PodSecurityCheck CHECK = new PrivilegedCheck();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    return PodUnderReview.in(request)
        .flatMap(
            pod ->
                CHECK
                    .check(PodSecurityVersion.LATEST, pod.view())
                    .map(failure -> pod.violation(NAME, failure.reason(), failure.detail())))
        .stream()
        .toList();
  }
}
