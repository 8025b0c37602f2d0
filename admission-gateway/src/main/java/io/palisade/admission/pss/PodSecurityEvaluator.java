package io.palisade.admission.pss;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates a pod against a Pod Security level and version the way pod-security-admission does:
 *
 * <ul>
 *   <li>{@code privileged} runs no check; {@code baseline} runs the baseline checks; {@code
 *       restricted} runs the baseline checks that no restricted check replaces at that version,
 *       plus the restricted checks.
 *   <li>A check runs only from its first version on, with the implementation in force at the
 *       requested version; {@code latest} and versions newer than {@link
 *       PodSecurityVersion#NEWEST_MINOR} are the newest.
 *   <li>Failures come in PSA's order: baseline check ids sorted, then restricted check ids sorted,
 *       so messages are stable and match PSA's.
 * </ul>
 *
 * <p>The check lists are computed once per level and version at construction, so an evaluation is
 * one pass over a precomputed array. Thread-safe and stateless after construction.
 */
public final class PodSecurityEvaluator {

  private static final PodSecurityCheck[] NONE = new PodSecurityCheck[0];

  private final PodSecurityCheck[][] baseline;
  private final PodSecurityCheck[][] restricted;

  /** An evaluator with every upstream check ({@link PodSecurityChecks#all()}). */
  public PodSecurityEvaluator() {
    this(PodSecurityChecks.all());
  }

  /**
   * An evaluator running the given checks.
   *
   * @throws IllegalArgumentException if ids repeat, a check has no versions or versions out of
   *     order, a check is not baseline or restricted, or a baseline check overrides another
   */
  public PodSecurityEvaluator(List<PodSecurityCheck> checks) {
    validate(checks);
    List<PodSecurityCheck> ordered = new ArrayList<>(checks);
    ordered.sort(
        Comparator.comparing((PodSecurityCheck c) -> c.level() == PodSecurityLevel.RESTRICTED)
            .thenComparing(PodSecurityCheck::id));
    int versions = PodSecurityVersion.NEWEST_MINOR + 1;
    baseline = new PodSecurityCheck[versions][];
    restricted = new PodSecurityCheck[versions][];
    for (int minor = 0; minor < versions; minor++) {
      PodSecurityVersion version = PodSecurityVersion.v1(minor);
      Set<String> overridden = new HashSet<>();
      for (PodSecurityCheck check : ordered) {
        if (check.level() == PodSecurityLevel.RESTRICTED && check.existsAt(version)) {
          overridden.addAll(check.overrides(version));
        }
      }
      List<PodSecurityCheck> baselineChecks = new ArrayList<>();
      List<PodSecurityCheck> restrictedChecks = new ArrayList<>();
      for (PodSecurityCheck check : ordered) {
        if (!check.existsAt(version)) {
          continue;
        }
        if (check.level() == PodSecurityLevel.BASELINE) {
          baselineChecks.add(check);
          if (!overridden.contains(check.id())) {
            restrictedChecks.add(check);
          }
        } else {
          restrictedChecks.add(check);
        }
      }
      baseline[minor] = baselineChecks.toArray(NONE);
      restricted[minor] = restrictedChecks.toArray(NONE);
    }
  }

  /**
   * The checks a pod fails at {@code level} and {@code version}, in PSA's order; empty when the pod
   * is allowed.
   *
   * @param podMetadata the pod's (or pod template's) {@code metadata}; may be a missing node
   * @param podSpec the pod's (or pod template's) {@code spec}; may be a missing node
   */
  public List<CheckFailure> evaluate(
      PodSecurityLevel level, PodSecurityVersion version, JsonNode podMetadata, JsonNode podSpec) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(version, "version");
    if (level == PodSecurityLevel.PRIVILEGED) {
      return List.of();
    }
    return evaluate(level, version, PodSpecView.of(podMetadata, podSpec));
  }

  /** As {@link #evaluate(PodSecurityLevel, PodSecurityVersion, JsonNode, JsonNode)}. */
  public List<CheckFailure> evaluate(
      PodSecurityLevel level, PodSecurityVersion version, PodSpecView pod) {
    List<CheckFailure> failures = null;
    for (PodSecurityCheck check : checksFor(level, version)) {
      Optional<CheckFailure> failure = check.check(version, pod);
      if (failure.isPresent()) {
        if (failures == null) {
          failures = new ArrayList<>(4);
        }
        failures.add(failure.get());
      }
    }
    return failures == null ? List.of() : List.copyOf(failures);
  }

  /** The ids of the checks that run at a level and version, in evaluation order. */
  public List<String> checkIds(PodSecurityLevel level, PodSecurityVersion version) {
    List<String> ids = new ArrayList<>();
    for (PodSecurityCheck check : checksFor(level, version)) {
      ids.add(check.id());
    }
    return ids;
  }

  /**
   * PSA's deny message: {@code violates PodSecurity "<level>:<version>": <reason> (<detail>), …}.
   */
  public static String forbiddenMessage(
      PodSecurityLevel level, PodSecurityVersion version, List<CheckFailure> failures) {
    return "violates PodSecurity \""
        + level.label()
        + ":"
        + version
        + "\": "
        + failures.stream().map(CheckFailure::message).collect(Collectors.joining(", "));
  }

  private PodSecurityCheck[] checksFor(PodSecurityLevel level, PodSecurityVersion version) {
    return switch (level) {
      case PRIVILEGED -> NONE;
      case BASELINE -> baseline[version.effectiveMinor()];
      case RESTRICTED -> restricted[version.effectiveMinor()];
    };
  }

  private static void validate(List<PodSecurityCheck> checks) {
    Map<String, PodSecurityCheck> byId = new HashMap<>();
    for (PodSecurityCheck check : checks) {
      if (byId.put(check.id(), check) != null) {
        throw new IllegalArgumentException("duplicate Pod Security check id " + check.id());
      }
      if (check.level() == PodSecurityLevel.PRIVILEGED) {
        throw new IllegalArgumentException(check.id() + ": a check is baseline or restricted");
      }
      List<PodSecurityVersion> versions = check.versions();
      if (versions.isEmpty()) {
        throw new IllegalArgumentException(check.id() + ": no versions");
      }
      for (int i = 1; i < versions.size(); i++) {
        if (!versions.get(i - 1).isOlderThan(versions.get(i))) {
          throw new IllegalArgumentException(check.id() + ": versions must strictly increase");
        }
      }
    }
    for (PodSecurityCheck check : checks) {
      for (PodSecurityVersion version : check.versions()) {
        for (String overridden : check.overrides(version)) {
          PodSecurityCheck target = byId.get(overridden);
          if (check.level() != PodSecurityLevel.RESTRICTED
              || target == null
              || target.level() != PodSecurityLevel.BASELINE) {
            throw new IllegalArgumentException(
                check.id() + ": only a restricted check may override a baseline check");
          }
        }
      }
    }
  }
}
