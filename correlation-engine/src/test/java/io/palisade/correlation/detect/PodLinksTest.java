package io.palisade.correlation.detect;

import static io.palisade.correlation.support.Entities.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.EntityKind;
import io.palisade.avro.OwnerWorkload;
import io.palisade.avro.UserInfo;
import io.palisade.correlation.support.AuditEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bridges from a pod to its workload and node, and from a pod-bound token to its pod. */
class PodLinksTest {

  /**
   * A request made with a projected, pod-bound service-account token (the shape the API server logs
   * since Kubernetes 1.21: user.extra carries the pod and node the token is bound to).
   */
  private static final String TOKEN_REQUEST =
      """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"7c1e",
       "stage":"ResponseComplete","requestURI":"/api/v1/namespaces/shop/secrets","verb":"list",
       "user":{"username":"system:serviceaccount:shop:web","uid":"1d2c",
         "groups":["system:serviceaccounts","system:serviceaccounts:shop","system:authenticated"],
         "extra":{"authentication.kubernetes.io/credential-id":["JTI=0f3c"],
                  "authentication.kubernetes.io/node-name":["worker-2"],
                  "authentication.kubernetes.io/node-uid":["5a7e"],
                  "authentication.kubernetes.io/pod-name":["web-7d9f8c6b5-x2x4z"],
                  "authentication.kubernetes.io/pod-uid":["8b1f"]}},
       "sourceIPs":["10.244.1.7"],"userAgent":"curl/8.5.0",
       "objectRef":{"resource":"secrets","namespace":"shop","apiVersion":"v1"},
       "responseStatus":{"metadata":{},"code":200},
       "requestReceivedTimestamp":"2026-02-01T07:00:00.000000Z",
       "stageTimestamp":"2026-02-01T07:00:00.010000Z"}
      """;

  @Test
  void aRequestWithAPodBoundTokenCarriesThePodAndNode() {
    AuditEvent event = AuditEvents.fromJson(TOKEN_REQUEST.replace("\n", ""), "demo");

    assertThat(SigmaEvidence.entities(event))
        .contains(
            entity(EntityKind.SERVICE_ACCOUNT, "system:serviceaccount:shop:web"),
            entity(EntityKind.POD, "shop/web-7d9f8c6b5-x2x4z"),
            entity(EntityKind.NODE, "worker-2"));
  }

  @Test
  void aTokenThatIsNotPodBoundOrNotAServiceAccountsAddsNothing() {
    UserInfo person =
        UserInfo.newBuilder()
            .setUsername("alice")
            .setExtra(Map.of(PodLinks.POD_NAME_EXTRA, List.of("web-1")))
            .build();
    UserInfo legacyToken =
        UserInfo.newBuilder().setUsername("system:serviceaccount:shop:web").build();

    assertThat(PodLinks.ofToken(person)).isEmpty();
    assertThat(PodLinks.ofToken(legacyToken)).isEmpty();
  }

  @Test
  void ownerReferencesOfThePodObjectGiveItsWorkloadAndSpecItsNode() {
    String replicaSetPod =
        """
        {"kind":"Pod","metadata":{"name":"web-abc","namespace":"shop","ownerReferences":[
          {"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d9f8c6b5","controller":true}]},
         "spec":{"nodeName":"worker-2","containers":[{"name":"web","image":"nginx"}]}}
        """;
    String statefulSetPod =
        """
        {"kind":"Pod","metadata":{"name":"db-0","namespace":"shop","ownerReferences":[
          {"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","controller":true}]},
         "spec":{"containers":[{"name":"db","image":"postgres"}]}}
        """;

    assertThat(PodLinks.ofPod("shop", "web-abc", Json.parse(replicaSetPod)))
        .containsExactly(
            entity(EntityKind.WORKLOAD, "shop/Deployment/web"),
            entity(EntityKind.NODE, "worker-2"));
    assertThat(PodLinks.ofPod("shop", "db-0", Json.parse(statefulSetPod)))
        .containsExactly(entity(EntityKind.WORKLOAD, "shop/StatefulSet/db"));
  }

  @Test
  void withoutTheObjectOnlyADeploymentsPodNameShapeGivesAWorkload() {
    assertThat(PodLinks.ofPod("shop", "web-7d9f8c6b5-x2x4z", Optional.empty()))
        .containsExactly(entity(EntityKind.WORKLOAD, "shop/Deployment/web"));
    assertThat(PodLinks.ofPod("shop", "my-api-server-5cdcc99dbf-rgw6z", Optional.empty()))
        .containsExactly(entity(EntityKind.WORKLOAD, "shop/Deployment/my-api-server"));
    // a StatefulSet's pod, a DaemonSet's or Job's pod, an ordinary name: not derivable safely
    assertThat(PodLinks.ofPod("shop", "db-0", Optional.empty())).isEmpty();
    assertThat(PodLinks.ofPod("kube-system", "kube-proxy-x2x4z", Optional.empty())).isEmpty();
    assertThat(PodLinks.ofPod("shop", "debug-root", Optional.empty())).isEmpty();
    // "deployment" has vowels: never a generated hash
    assertThat(PodLinks.ofPod("shop", "web-deployment-x2x4z", Optional.empty())).isEmpty();
  }

  @Test
  void anAdmittedPodLinksToTheGatewaysOwnerWorkload() {
    AdmissionDecision decision =
        AdmissionDecision.newBuilder()
            .setId("uid-1")
            .setCluster("demo")
            .setEventTime(Instant.parse("2026-02-01T07:00:00Z"))
            .setIngestTime(Instant.parse("2026-02-01T07:00:00Z"))
            .setOperation("CREATE")
            .setKind("Pod")
            .setNamespace("shop")
            .setName("web-7d9f8c6b5-x2x4z")
            .setUser(UserInfo.newBuilder().setUsername("alice").build())
            .setAllowed(false)
            .setOwner(new OwnerWorkload("ReplicaSet", "web-7d9f8c6b5"))
            .build();

    assertThat(SigmaEvidence.entities(decision))
        .contains(
            entity(EntityKind.ACTOR, "alice"),
            entity(EntityKind.POD, "shop/web-7d9f8c6b5-x2x4z"),
            entity(EntityKind.WORKLOAD, "shop/Deployment/web"));
  }

  @Test
  void anExecThroughAdmissionNamesThePodAndOtherKindsAreNoWorkloads() {
    AdmissionDecision exec =
        AdmissionDecision.newBuilder()
            .setId("uid-2")
            .setCluster("demo")
            .setEventTime(Instant.parse("2026-02-01T07:00:00Z"))
            .setIngestTime(Instant.parse("2026-02-01T07:00:00Z"))
            .setOperation("CONNECT")
            .setKind("PodExecOptions")
            .setResource("pods")
            .setSubResource("exec")
            .setNamespace("shop")
            .setName("web-7d9f8c6b5-x2x4z")
            .setUser(UserInfo.newBuilder().setUsername("alice").build())
            .setAllowed(true)
            .build();
    AdmissionDecision binding =
        AdmissionDecision.newBuilder(exec)
            .setId("uid-3")
            .setOperation("CREATE")
            .setKind("RoleBinding")
            .setResource("rolebindings")
            .setSubResource(null)
            .setName("web")
            .build();

    assertThat(SigmaEvidence.entities(exec))
        .contains(entity(EntityKind.POD, "shop/web-7d9f8c6b5-x2x4z"))
        .noneMatch(entity -> entity.getKind() == EntityKind.WORKLOAD);
    assertThat(SigmaEvidence.entities(binding))
        .noneMatch(entity -> entity.getKind() == EntityKind.WORKLOAD)
        .noneMatch(entity -> entity.getKind() == EntityKind.POD);
  }

  @Test
  void aFalcoAlertOnADeploymentsPodCarriesTheWorkload() {
    var alert =
        io.palisade.correlation.support.FalcoAlerts.fromJson(
            """
            {"time":"2026-02-01T07:00:00.000000000Z","rule":"Terminal shell in container",
             "priority":"Notice","source":"syscall","hostname":"worker-2","tags":["mitre_execution"],
             "output":"shell","output_fields":{"k8s.ns.name":"shop",
             "k8s.pod.name":"web-7d9f8c6b5-x2x4z","container.id":"abc123",
             "container.image.repository":"nginx"}}
            """
                .replace("\n", ""),
            "demo");

    assertThat(SigmaEvidence.entities(alert))
        .contains(
            entity(EntityKind.POD, "shop/web-7d9f8c6b5-x2x4z"),
            entity(EntityKind.WORKLOAD, "shop/Deployment/web"),
            entity(EntityKind.NODE, "worker-2"));
  }
}
