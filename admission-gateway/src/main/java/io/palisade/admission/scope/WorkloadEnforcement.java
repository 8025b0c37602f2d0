package io.palisade.admission.scope;

import java.util.Locale;

/**
 * What the enforce mode does to pod templates of workloads (Deployment, ReplicaSet, StatefulSet,
 * DaemonSet, Job, CronJob, ReplicationController, PodTemplate).
 */
public enum WorkloadEnforcement {
  /** Deny the workload itself, so a bad Deployment fails at {@code kubectl apply}. */
  ENFORCE,
  /**
   * Only warn, as PSA does: the workload is admitted and its pods are denied later, when the
   * controller creates them.
   */
  WARN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code enforce} or {@code warn}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static WorkloadEnforcement parse(String text) {
    for (WorkloadEnforcement value : values()) {
      if (value.label().equals(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" must be enforce or warn");
  }
}
