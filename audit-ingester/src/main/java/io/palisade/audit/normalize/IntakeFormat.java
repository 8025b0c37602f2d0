package io.palisade.audit.normalize;

/** How an audit event reached Palisade; published as {@code AuditEvent.intakeFormat}. */
public enum IntakeFormat {
  /** The API server's audit webhook backend ({@code application/json}). */
  WEBHOOK("webhook"),
  /** A native audit Event as one line of NDJSON from a log shipper (EKS events are native). */
  NDJSON("ndjson"),
  /** A line of the API server's {@code --audit-log-path} file. */
  LOGFILE("logfile"),
  /** A GKE Cloud Logging {@code LogEntry} whose {@code protoPayload} is an {@code AuditLog}. */
  GKE("gke"),
  /** An AKS diagnostic record ({@code category} {@code kube-audit} or {@code kube-audit-admin}). */
  AKS("aks");

  private final String value;

  IntakeFormat(String value) {
    this.value = value;
  }

  /** The value of {@code AuditEvent.intakeFormat}. */
  public String value() {
    return value;
  }
}
