package io.palisade.admission.policy.labels;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which labels objects must carry.
 *
 * @param labels the required labels; empty (the default) checks nothing
 * @param kinds the kinds whose own {@code metadata.labels} are checked, by Kind name ({@code
 *     Namespace}, {@code Pod}, {@code Deployment}, …)
 * @param podTemplates whether the pod templates of workloads (Deployment, CronJob, …) are checked
 *     too: the pods they create get the template's labels, not the workload's, so this catches a
 *     missing pod label at {@code kubectl apply} (Kyverno's autogen does the same)
 */
public record RequiredLabelsSettings(
    List<LabelRequirement> labels, Set<String> kinds, boolean podTemplates) {

  public RequiredLabelsSettings {
    labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
    kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
  }

  /** No required labels; once some are set they apply to namespaces, pods, workloads, templates. */
  public static RequiredLabelsSettings defaults() {
    return new RequiredLabelsSettings(
        List.of(),
        Set.of(
            "Namespace",
            "Pod",
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "ReplicaSet",
            "Job",
            "CronJob"),
        true);
  }
}
