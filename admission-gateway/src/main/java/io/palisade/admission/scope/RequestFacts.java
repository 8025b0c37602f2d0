package io.palisade.admission.scope;

import io.palisade.admission.review.AdmissionRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What exemptions look at in an admission request: who asks, where, which runtime class and which
 * labels. {@link #of(AdmissionRequest)} extracts them.
 *
 * @param username {@code request.userInfo.username}
 * @param groups {@code request.userInfo.groups}
 * @param namespace the request's namespace; empty for cluster-scoped objects
 * @param runtimeClassName the pod's (or pod template's) {@code spec.runtimeClassName}; empty when
 *     unset or not a pod
 * @param workloadLabels the labels of the object under review ({@code metadata.labels} of the Pod,
 *     Deployment, …); empty when none
 */
public record RequestFacts(
    String username,
    List<String> groups,
    String namespace,
    String runtimeClassName,
    Map<String, String> workloadLabels) {

  public RequestFacts {
    Objects.requireNonNull(username, "username");
    groups = List.copyOf(groups);
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(runtimeClassName, "runtimeClassName");
    workloadLabels = Map.copyOf(workloadLabels);
  }

  /**
   * The facts of a request. The labels are the object's own {@code metadata.labels} (the old
   * object's on DELETE), not those of a workload's pod template. The runtime class comes from the
   * pod spec: a Pod's {@code spec}, a PodTemplate's {@code template.spec}, a CronJob's {@code
   * spec.jobTemplate.spec.template.spec}, and {@code spec.template.spec} for the other workloads.
   */
  public static RequestFacts of(AdmissionRequest request) {
    JsonNode object = request.object().isObject() ? request.object() : request.oldObject();
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : object.path("metadata").path("labels").properties()) {
      if (label.getValue().isString()) {
        labels.put(label.getKey(), label.getValue().stringValue());
      }
    }
    String runtimeClass =
        podSpec(request.kind().kind(), object).path("runtimeClassName").stringValue("");
    return new RequestFacts(
        request.user().username(),
        request.user().groups(),
        request.namespace(),
        runtimeClass,
        labels);
  }

  private static JsonNode podSpec(String kind, JsonNode object) {
    return switch (kind) {
      case "Pod" -> object.path("spec");
      case "PodTemplate" -> object.path("template").path("spec");
      case "CronJob" ->
          object.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
      default -> object.path("spec").path("template").path("spec");
    };
  }
}
