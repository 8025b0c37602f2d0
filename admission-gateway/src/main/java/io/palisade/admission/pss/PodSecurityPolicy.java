package io.palisade.admission.pss;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Pod Security Standards as one gateway {@link Policy}: finds the pod or pod template in the
 * request ({@link PodUnderReview}), evaluates it at a fixed level and version, and reports each
 * failed check as a violation named {@code pss:<checkId>} with PSA's {@code <reason> (<detail>)}
 * message, enforced for pods and, unless {@link PodTemplateMode#ENFORCE} is chosen, only warned for
 * pod templates.
 *
 * <p>Per-namespace levels, versions and modes are not this class's business: whoever knows them
 * calls {@link PodSecurityEvaluator} with the level and version that apply.
 */
public final class PodSecurityPolicy implements Policy {

  /** The prefix of every violation's policy name. */
  public static final String PREFIX = "pss:";

  private final PodSecurityEvaluator evaluator;
  private final PodSecurityLevel level;
  private final PodSecurityVersion version;
  private final PodTemplateMode templates;

  /** Enforced for pods, warned for pod templates (PSA's behaviour). */
  public PodSecurityPolicy(
      PodSecurityEvaluator evaluator, PodSecurityLevel level, PodSecurityVersion version) {
    this(evaluator, level, version, PodTemplateMode.WARN);
  }

  /**
   * @param templates whether failures in a pod controller's template deny the workload or warn
   */
  public PodSecurityPolicy(
      PodSecurityEvaluator evaluator,
      PodSecurityLevel level,
      PodSecurityVersion version,
      PodTemplateMode templates) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.level = Objects.requireNonNull(level, "level");
    this.version = Objects.requireNonNull(version, "version");
    this.templates = Objects.requireNonNull(templates, "templates");
  }

  /** {@code pss:<level>:<version>}, e.g. {@code pss:baseline:latest}. */
  @Override
  public String name() {
    return PREFIX + level.label() + ":" + version;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    Optional<PodUnderReview> found = PodUnderReview.in(request, templates);
    if (found.isEmpty() || level == PodSecurityLevel.PRIVILEGED) {
      return List.of();
    }
    PodUnderReview pod = found.get();
    List<CheckFailure> failures = evaluator.evaluate(level, version, pod.view());
    if (failures.isEmpty()) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>(failures.size());
    for (CheckFailure failure : failures) {
      violations.add(pod.violation(PREFIX + failure.checkId(), failure.reason(), failure.detail()));
    }
    return violations;
  }
}
