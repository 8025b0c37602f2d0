package io.palisade.admission.scope;

import java.util.List;
import java.util.Objects;

/**
 * The Pod Security level and version in force in one namespace, independently for each mode.
 *
 * @param enforce violations deny the request
 * @param audit violations are recorded (audit annotations and the published decision)
 * @param warn violations are returned to the client as warnings
 * @param labelErrors invalid {@code pod-security.kubernetes.io/*} labels on the namespace, each
 *     naming the label, its value and what is allowed; empty when all were valid. PSA records these
 *     as the {@code error} audit annotation, so the caller should too.
 */
public record NamespaceSecurity(
    LevelVersion enforce, LevelVersion audit, LevelVersion warn, List<String> labelErrors) {

  public NamespaceSecurity {
    Objects.requireNonNull(enforce, "enforce");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(warn, "warn");
    labelErrors = List.copyOf(labelErrors);
  }

  /** Levels without label errors. */
  public static NamespaceSecurity of(LevelVersion enforce, LevelVersion audit, LevelVersion warn) {
    return new NamespaceSecurity(enforce, audit, warn, List.of());
  }

  public LevelVersion forMode(PodSecurityMode mode) {
    return switch (mode) {
      case ENFORCE -> enforce;
      case AUDIT -> audit;
      case WARN -> warn;
    };
  }

  /** Whether no mode checks anything (PSA short-circuits such namespaces). */
  public boolean fullyPrivileged() {
    return enforce.isPrivileged() && audit.isPrivileged() && warn.isPrivileged();
  }
}
