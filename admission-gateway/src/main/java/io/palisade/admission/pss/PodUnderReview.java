package io.palisade.admission.pss;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The pod a Pod Security check looks at, found the way pod-security-admission finds it:
 *
 * <ul>
 *   <li>a Pod CREATE or UPDATE (also the {@code ephemeralcontainers} subresource; other pod
 *       subresources such as {@code status}, {@code exec}, {@code binding} are ignored): checks are
 *       <b>enforced</b>. An UPDATE that changes no container image, container count or
 *       per-container seccomp annotation is not re-checked, because a pod's security context is
 *       immutable: re-checking would block e.g. label or finalizer updates of pods admitted before
 *       a policy existed.
 *   <li>a CREATE or UPDATE of a pod controller (the main resource of Deployments, ReplicaSets,
 *       StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers, PodTemplates): its pod
 *       template is checked but <b>not enforced</b>; the pods it creates are.
 * </ul>
 *
 * @param metadata the pod's (or template's) metadata
 * @param spec the pod's (or template's) spec
 * @param enforced whether a failure denies the request or only warns
 */
public record PodUnderReview(JsonNode metadata, JsonNode spec, boolean enforced) {

  private static final String EPHEMERAL_CONTAINERS = "ephemeralcontainers";

  /** Where each pod controller keeps its pod template, by group-qualified resource. */
  private static final Map<String, Function<JsonNode, JsonNode>> POD_TEMPLATES =
      Map.of(
          "replicationcontrollers", o -> o.path("spec").path("template"),
          "podtemplates", o -> o.path("template"),
          "replicasets.apps", o -> o.path("spec").path("template"),
          "deployments.apps", o -> o.path("spec").path("template"),
          "statefulsets.apps", o -> o.path("spec").path("template"),
          "daemonsets.apps", o -> o.path("spec").path("template"),
          "jobs.batch", o -> o.path("spec").path("template"),
          "cronjobs.batch", o -> o.path("spec").path("jobTemplate").path("spec").path("template"));

  public PodUnderReview {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
  }

  /** The pod to check in this request, if the request creates or changes one. */
  public static Optional<PodUnderReview> in(AdmissionRequest request) {
    if (!request.isCreateOrUpdate() || !request.object().isObject()) {
      return Optional.empty();
    }
    String resource = request.resource().groupResource();
    String subResource = request.subResource();
    JsonNode object = request.object();
    if ("pods".equals(resource)) {
      if (!subResource.isEmpty() && !EPHEMERAL_CONTAINERS.equals(subResource)) {
        return Optional.empty();
      }
      if ("UPDATE".equals(request.operation())
          && request.oldObject().isObject()
          && !isSignificantUpdate(object, request.oldObject())) {
        return Optional.empty();
      }
      return Optional.of(new PodUnderReview(object.path("metadata"), object.path("spec"), true));
    }
    Function<JsonNode, JsonNode> template = POD_TEMPLATES.get(resource);
    if (template == null || !subResource.isEmpty()) {
      return Optional.empty();
    }
    JsonNode pod = template.apply(object);
    return pod.isObject()
        ? Optional.of(new PodUnderReview(pod.path("metadata"), pod.path("spec"), false))
        : Optional.empty();
  }

  /**
   * Every container in the order PSA visits them: {@code initContainers}, {@code containers}, then
   * {@code ephemeralContainers}.
   */
  public List<JsonNode> containers() {
    List<JsonNode> containers = new ArrayList<>();
    for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
      spec.path(field).forEach(containers::add);
    }
    return containers;
  }

  /** A finding in PSA's wording, {@code <reason> (<detail>)}, enforced as this pod is. */
  public Violation violation(String policy, String reason, String detail) {
    return new Violation(policy, reason + " (" + detail + ")", enforced);
  }

  private static boolean isSignificantUpdate(JsonNode pod, JsonNode oldPod) {
    for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
      JsonNode containers = pod.path("spec").path(field);
      JsonNode oldContainers = oldPod.path("spec").path(field);
      if (containers.size() != oldContainers.size()) {
        return true;
      }
      for (int i = 0; i < containers.size(); i++) {
        if (isSignificantContainerUpdate(
            containers.get(i),
            oldContainers.get(i),
            pod.path("metadata"),
            oldPod.path("metadata"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSignificantContainerUpdate(
      JsonNode container, JsonNode oldContainer, JsonNode metadata, JsonNode oldMetadata) {
    if (!container.path("image").equals(oldContainer.path("image"))) {
      return true;
    }
    String seccomp =
        "container.seccomp.security.alpha.kubernetes.io/" + container.path("name").stringValue("");
    return !metadata
        .path("annotations")
        .path(seccomp)
        .equals(oldMetadata.path("annotations").path(seccomp));
  }
}
