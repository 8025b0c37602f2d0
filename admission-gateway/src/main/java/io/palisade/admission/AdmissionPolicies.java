package io.palisade.admission;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.pss.PrivilegedContainers;
import java.util.List;

/**
 * Every policy the gateway evaluates, in the order their findings are reported. Adding a policy is
 * one line here (see the module README).
 */
public final class AdmissionPolicies {

  private AdmissionPolicies() {}

  public static List<Policy> all() {
    return List.of(new PrivilegedContainers());
  }
}
