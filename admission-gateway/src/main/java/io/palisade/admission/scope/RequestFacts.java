package io.palisade.admission.scope;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What exemptions look at in an admission request. The caller extracts these from the
 * AdmissionRequest and the object under review.
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
}
