package io.palisade.admission.policy.workload;

import io.palisade.admission.policy.ObjectChanges;
import io.palisade.admission.pss.PodUnderReview;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The pod a container-based Palisade policy checks, with the field path of every part so findings
 * can name it ({@code spec.template.spec.containers[0].image} on a Deployment).
 *
 * <p>Which pod a request carries is decided by {@link PodUnderReview} (Pods, the {@code
 * ephemeralcontainers} subresource, and the pod templates of the seven controller kinds plus
 * PodTemplate; insignificant pod UPDATEs are skipped). Unlike PSS checks, Palisade policies treat a
 * pod and a pod template alike: a workload that would create bad pods is itself a finding, so it
 * can be refused at {@code kubectl apply}. {@link PodUnderReview} does not expose where the
 * template sits in the object, so the path table below is a copy of its template table.
 *
 * @param metadata the pod's (or template's) metadata
 * @param spec the pod's (or template's) spec
 * @param prefix the path of the pod inside the object, with a trailing dot ({@code
 *     "spec.template."}), empty for a Pod
 */
public record WorkloadPod(JsonNode metadata, JsonNode spec, String prefix) {

  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  /** Where each controller keeps its pod template, by group-qualified resource. */
  private static final Map<String, String> TEMPLATE_PATHS =
      Map.of(
          "replicationcontrollers", "spec.template.",
          "podtemplates", "template.",
          "replicasets.apps", "spec.template.",
          "deployments.apps", "spec.template.",
          "statefulsets.apps", "spec.template.",
          "daemonsets.apps", "spec.template.",
          "jobs.batch", "spec.template.",
          "cronjobs.batch", "spec.jobTemplate.spec.template.");

  public WorkloadPod {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(prefix, "prefix");
  }

  /**
   * The pod or pod template to check in this request, if it creates or changes one. A workload
   * UPDATE that leaves the pod template as it was (scaling, labels, a finalizer) or that only
   * finalizes a deletion has no template to check: refusing it would block routine changes of
   * workloads admitted before a policy was enforced.
   */
  public static Optional<WorkloadPod> in(AdmissionRequest request) {
    String prefix = TEMPLATE_PATHS.getOrDefault(request.resource().groupResource(), "");
    if (!prefix.isEmpty()
        && (ObjectChanges.isFinalizing(request)
            || ObjectChanges.isUnchangedAt(request, prefix.substring(0, prefix.length() - 1)))) {
      return Optional.empty();
    }
    return PodUnderReview.in(request)
        .map(pod -> new WorkloadPod(pod.metadata(), pod.spec(), prefix));
  }

  /** {@code spec} for a Pod, {@code spec.template.spec} for a Deployment, … */
  public String specPath() {
    return prefix + "spec";
  }

  /** {@code metadata} for a Pod, {@code spec.template.metadata} for a Deployment, … */
  public String metadataPath() {
    return prefix + "metadata";
  }

  /** Every container, init containers first, then regular, then ephemeral ones. */
  public List<Container> containers() {
    List<Container> containers = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      JsonNode items = spec.path(list);
      for (int i = 0; i < items.size(); i++) {
        containers.add(new Container(items.get(i), list, specPath() + "." + list + "[" + i + "]"));
      }
    }
    return containers;
  }

  /**
   * One container of the pod.
   *
   * @param node its JSON
   * @param list {@code initContainers}, {@code containers} or {@code ephemeralContainers}
   * @param path e.g. {@code spec.containers[1]}
   */
  public record Container(JsonNode node, String list, String path) {

    public boolean isEphemeral() {
      return "ephemeralContainers".equals(list);
    }

    /** The image reference as written, empty when missing. */
    public String image() {
      return node.path("image").stringValue("");
    }
  }
}
