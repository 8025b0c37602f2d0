package io.palisade.admission.pss;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Pod Security Standards control, as one pod-security-admission check. Implementations are
 * stateless and registered in {@link PodSecurityChecks}; {@link PodSecurityEvaluator} decides which
 * ones run for a level and version.
 */
public interface PodSecurityCheck {

  /** The upstream check id, e.g. {@code seccompProfile_restricted}. */
  String id();

  /** {@link PodSecurityLevel#BASELINE} or {@link PodSecurityLevel#RESTRICTED}. */
  PodSecurityLevel level();

  /**
   * The first versions of each of this check's implementations, oldest first. The first one is when
   * the check appears; below it the check does not exist. E.g. sysctls: v1.0, v1.27, v1.29, v1.32,
   * v1.37.
   */
  List<PodSecurityVersion> versions();

  /**
   * The baseline checks this restricted check replaces at {@code version} (PSA's {@code
   * OverrideCheckIDs}); empty for baseline checks.
   */
  default Set<String> overrides(PodSecurityVersion version) {
    return Set.of();
  }

  /**
   * Checks a pod at a version on or after {@code versions().get(0)}.
   *
   * @return the failure, or empty when the pod passes
   */
  Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod);

  /** Whether this check exists at {@code version}. */
  default boolean existsAt(PodSecurityVersion version) {
    return !version.isOlderThan(versions().get(0));
  }
}
