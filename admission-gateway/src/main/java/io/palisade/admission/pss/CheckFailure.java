package io.palisade.admission.pss;

import java.util.Objects;

/**
 * One failed Pod Security check, worded like pod-security-admission.
 *
 * @param checkId the upstream check id, e.g. {@code allowPrivilegeEscalation}
 * @param reason the short upstream reason, e.g. {@code allowPrivilegeEscalation != false}
 * @param detail what exactly is wrong, e.g. {@code container "app" must set
 *     securityContext.allowPrivilegeEscalation=false}; may be empty
 */
public record CheckFailure(String checkId, String reason, String detail) {

  public CheckFailure {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code <reason> (<detail>)}, or only the reason when there is no detail, as PSA prints it. */
  public String message() {
    return detail.isEmpty() ? reason : reason + " (" + detail + ")";
  }
}
