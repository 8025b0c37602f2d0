package io.palisade.admission;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.pss.PodSecurityEvaluator;
import io.palisade.admission.pss.PodSecurityLevel;
import io.palisade.admission.pss.PodSecurityPolicy;
import io.palisade.admission.pss.PodSecurityVersion;
import java.util.List;

/**
 * Every policy the gateway evaluates, in the order their findings are reported. Adding a policy is
 * one line here (see the module README).
 */
public final class AdmissionPolicies {

  private AdmissionPolicies() {}

  public static List<Policy> all() {
    return List.of(
        new PodSecurityPolicy(
            new PodSecurityEvaluator(), PodSecurityLevel.BASELINE, PodSecurityVersion.LATEST));
  }
}
