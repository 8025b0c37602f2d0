package io.palisade.admission.policy;

import io.palisade.admission.review.AdmissionRequest;
import java.util.List;

/**
 * One admission check. A policy decides itself which requests it applies to and returns nothing for
 * the others. Policies are stateless and must not throw on unexpected object shapes: read the raw
 * JSON with {@code path(...)} so a missing field is just missing.
 */
public interface Policy {

  /** The stable name reported in decisions and metrics, e.g. {@code pss:privileged}. */
  String name();

  /** What the request violates; empty when it complies or the policy does not apply. */
  List<Violation> evaluate(AdmissionRequest request);
}
