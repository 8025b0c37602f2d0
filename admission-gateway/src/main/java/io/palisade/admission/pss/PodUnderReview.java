package io.palisade.admission.pss;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.HashMap;
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
 *       <b>enforced</b>.
 *   <li>a CREATE or UPDATE of a pod controller (the main resource of Deployments, ReplicaSets,
 *       StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers, PodTemplates): its pod
 *       template is checked but by default <b>not enforced</b>, as PSA does; the pods it creates
 *       are ({@link PodTemplateMode}).
 * </ul>
 *
 * <p>An UPDATE is re-checked only when it changes something a check reads ({@link
 * #isSecurityRelevantUpdate}): any container's image (as PSA), the number of containers, any
 * container's {@code securityContext}, ports, probes or lifecycle handlers, the pod's {@code
 * securityContext}, host namespaces, {@code hostUsers}, {@code os}, volumes, or a seccomp or
 * AppArmor annotation. Other updates (labels, finalizers, replicas, resources, tolerations) are not
 * re-checked, so they never block pods and templates admitted before a policy was tightened. For
 * pods this is PSA's rule plus the fields PSA does not compare because the API server makes them
 * immutable; for templates PSA re-checks every update, we only security-relevant ones.
 *
 * @param metadata the pod's (or template's) metadata
 * @param spec the pod's (or template's) spec
 * @param enforced whether a failure denies the request or only warns
 */
public record PodUnderReview(JsonNode metadata, JsonNode spec, boolean enforced) {

  private static final String EPHEMERAL_CONTAINERS = "ephemeralcontainers";

  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  /** The pod spec fields Pod Security checks read, besides the containers. */
  private static final List<String> POD_FIELDS =
      List.of("securityContext", "hostNetwork", "hostPID", "hostIPC", "hostUsers", "os", "volumes");

  /**
   * The container fields Pod Security checks read, plus the image (PSA re-checks image changes).
   */
  private static final List<String> CONTAINER_FIELDS =
      List.of(
          "name",
          "image",
          "securityContext",
          "ports",
          "livenessProbe",
          "readinessProbe",
          "startupProbe",
          "lifecycle");

  private static final List<String> SECURITY_ANNOTATION_PREFIXES =
      List.of(
          "seccomp.security.alpha.kubernetes.io/",
          "container.seccomp.security.alpha.kubernetes.io/",
          "container.apparmor.security.beta.kubernetes.io/");

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

  /**
   * The pod to check in this request, if the request creates or changes one; failures in pod
   * templates only warn ({@link PodTemplateMode#WARN}).
   */
  public static Optional<PodUnderReview> in(AdmissionRequest request) {
    return in(request, PodTemplateMode.WARN);
  }

  /**
   * The pod to check in this request, if the request creates or changes one.
   *
   * @param templates whether failures in a pod controller's template deny or warn
   */
  public static Optional<PodUnderReview> in(AdmissionRequest request, PodTemplateMode templates) {
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
      if (isUnchangedUpdate(request, object, request.oldObject())) {
        return Optional.empty();
      }
      return Optional.of(new PodUnderReview(object.path("metadata"), object.path("spec"), true));
    }
    Function<JsonNode, JsonNode> template = POD_TEMPLATES.get(resource);
    if (template == null || !subResource.isEmpty()) {
      return Optional.empty();
    }
    JsonNode pod = template.apply(object);
    if (!pod.isObject()
        || (request.oldObject().isObject()
            && isUnchangedUpdate(request, pod, template.apply(request.oldObject())))) {
      return Optional.empty();
    }
    return Optional.of(
        new PodUnderReview(
            pod.path("metadata"), pod.path("spec"), templates == PodTemplateMode.ENFORCE));
  }

  /**
   * Every container in the order PSA visits them: {@code initContainers}, {@code containers}, then
   * {@code ephemeralContainers}.
   */
  public List<JsonNode> containers() {
    return view().containers();
  }

  /**
   * A finding in PSA's wording, {@code <reason> (<detail>)} (only the reason when the detail is
   * empty), enforced as this pod is.
   */
  public Violation violation(String policy, String reason, String detail) {
    return new Violation(policy, new CheckFailure(policy, reason, detail).message(), enforced);
  }

  /** What Pod Security checks read of this pod. */
  public PodSpecView view() {
    return PodSpecView.of(metadata, spec);
  }

  private static boolean isUnchangedUpdate(
      AdmissionRequest request, JsonNode pod, JsonNode oldPod) {
    return "UPDATE".equals(request.operation())
        && oldPod.isObject()
        && !isSecurityRelevantUpdate(pod, oldPod);
  }

  /**
   * Whether an update of a pod (or pod template) from {@code oldPod} to {@code pod} changes
   * anything a Pod Security check reads, or a container image.
   */
  public static boolean isSecurityRelevantUpdate(JsonNode pod, JsonNode oldPod) {
    JsonNode spec = pod.path("spec");
    JsonNode oldSpec = oldPod.path("spec");
    for (String field : POD_FIELDS) {
      if (!spec.path(field).equals(oldSpec.path(field))) {
        return true;
      }
    }
    for (String field : CONTAINER_LISTS) {
      JsonNode containers = spec.path(field);
      JsonNode oldContainers = oldSpec.path(field);
      if (containers.size() != oldContainers.size()) {
        return true;
      }
      for (int i = 0; i < containers.size(); i++) {
        for (String containerField : CONTAINER_FIELDS) {
          if (!containers
              .get(i)
              .path(containerField)
              .equals(oldContainers.get(i).path(containerField))) {
            return true;
          }
        }
      }
    }
    return !securityAnnotations(pod).equals(securityAnnotations(oldPod));
  }

  private static Map<String, JsonNode> securityAnnotations(JsonNode pod) {
    JsonNode annotations = pod.path("metadata").path("annotations");
    if (!annotations.isObject()) {
      return Map.of();
    }
    Map<String, JsonNode> relevant = new HashMap<>();
    for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
      for (String prefix : SECURITY_ANNOTATION_PREFIXES) {
        if (annotation.getKey().startsWith(prefix)) {
          relevant.put(annotation.getKey(), annotation.getValue());
        }
      }
    }
    return relevant;
  }
}
