package io.palisade.admission.webhook;

import io.palisade.admission.review.AdmissionRequest;
import java.util.Set;

/**
 * The kinds of object the gateway's policies judge ({@code group/Kind}, core group empty). A
 * request of another kind is allowed and recorded as not applicable, unless a policy found
 * something in it after all (then this list is incomplete, and the finding counts).
 *
 * <p>The kind is the request's {@code kind}, i.e. of the object sent: {@code /scale} sends an
 * {@code autoscaling/Scale} (not judged), {@code pods/exec} a {@code PodExecOptions} (judged by the
 * interactive-access policy).
 */
public final class ReviewedKinds {

  /** Pods and pod controllers, Services, Namespaces, RBAC objects and interactive access. */
  public static final ReviewedKinds DEFAULT =
      new ReviewedKinds(
          Set.of(
              "/Pod",
              "/PodTemplate",
              "/ReplicationController",
              "/Service",
              "/Namespace",
              "/PodExecOptions",
              "/PodAttachOptions",
              "/PodPortForwardOptions",
              "apps/Deployment",
              "apps/ReplicaSet",
              "apps/StatefulSet",
              "apps/DaemonSet",
              "batch/Job",
              "batch/CronJob",
              "rbac.authorization.k8s.io/Role",
              "rbac.authorization.k8s.io/ClusterRole",
              "rbac.authorization.k8s.io/RoleBinding",
              "rbac.authorization.k8s.io/ClusterRoleBinding"));

  private final Set<String> kinds;

  /**
   * @param kinds {@code group/Kind} entries, e.g. {@code apps/Deployment}, {@code /Pod}
   */
  public ReviewedKinds(Set<String> kinds) {
    this.kinds = Set.copyOf(kinds);
  }

  /** Whether some policy judges objects of the request's kind. */
  public boolean covers(AdmissionRequest request) {
    return kinds.contains(request.kind().group() + "/" + request.kind().kind());
  }
}
