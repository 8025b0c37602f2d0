package io.palisade.admission.pss;

/**
 * What a Pod Security failure in a pod controller's template (Deployment, Job, CronJob, …) does.
 * PSA only warns, because the pods the controller creates are checked themselves; enforcing refuses
 * the bad workload at {@code kubectl apply} instead of leaving a controller that silently fails to
 * create pods.
 */
public enum PodTemplateMode {
  /** The workload is admitted with a warning per failure (PSA's behaviour, the default). */
  WARN,
  /** The workload is denied like a pod. */
  ENFORCE
}
