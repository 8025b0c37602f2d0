package io.palisade.admission.policy;

import java.util.Locale;

/**
 * What the gateway did with a finding: denied the request ({@code enforce}), showed it as an
 * API-server warning ({@code warn}), or only recorded it ({@code audit}). Read off a {@link
 * Decision}: an enforced violation is enforce, one in {@link DecisionDetails#auditOnly()} audit,
 * any other warn.
 */
public enum AppliedMode {
  ENFORCE,
  WARN,
  AUDIT;

  /** The mode one violation of the decision was handled in. */
  public static AppliedMode of(Violation violation, Decision decision) {
    if (violation.enforced()) {
      return ENFORCE;
    }
    return decision.details().auditOnly().contains(violation) ? AUDIT : WARN;
  }

  /**
   * The strongest mode any violation was handled in (enforce over warn over audit), or null when
   * the decision has no violation.
   */
  public static AppliedMode overall(Decision decision) {
    AppliedMode strongest = null;
    for (Violation violation : decision.violations()) {
      AppliedMode mode = of(violation, decision);
      if (strongest == null || mode.ordinal() < strongest.ordinal()) {
        strongest = mode;
      }
    }
    return strongest;
  }

  /** {@code enforce}, {@code warn} or {@code audit}, as in records, metrics and configuration. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
