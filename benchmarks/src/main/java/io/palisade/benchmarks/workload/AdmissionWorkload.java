package io.palisade.benchmarks.workload;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * AdmissionReviews of a typical production pod ({@code workload/admission/pod-spec-template.json},
 * one init container and three containers, restricted-compliant): as a Pod CREATE and as the
 * template of a Deployment CREATE, the two requests the admission gateway sees most.
 */
public final class AdmissionWorkload {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AdmissionWorkload() {}

  /** The pod template: {@code {metadata, spec}}. */
  public static ObjectNode podTemplate() {
    String text =
        String.join("\n", SampleFiles.lines("/workload/admission/pod-spec-template.json"));
    return (ObjectNode) JSON.readTree(text);
  }

  /** A Pod CREATE AdmissionReview for one replica of the template. */
  public static ObjectNode podCreate() {
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode template = podTemplate();
    ObjectNode metadata = ((ObjectNode) template.path("metadata")).deepCopy();
    metadata.put("generateName", "checkout-7d4b9c5f6-").put("namespace", "shop");
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", "apps/v1")
        .put("kind", "ReplicaSet")
        .put("name", "checkout-7d4b9c5f6")
        .put("uid", "5a0c0b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
        .put("controller", true)
        .put("blockOwnerDeletion", true);
    pod.set("metadata", metadata);
    pod.set("spec", template.path("spec"));
    return review(
        "", "pods", "Pod", "", pod, "system:serviceaccount:kube-system:replicaset-controller");
  }

  /** A Deployment CREATE AdmissionReview whose pod template is the typical pod. */
  public static ObjectNode deploymentCreate() {
    ObjectNode deployment = JSON.createObjectNode();
    deployment.put("apiVersion", "apps/v1").put("kind", "Deployment");
    ObjectNode metadata = deployment.putObject("metadata");
    metadata.put("name", "checkout").put("namespace", "shop");
    metadata.putObject("labels").put("app.kubernetes.io/name", "checkout");
    ObjectNode spec = deployment.putObject("spec");
    spec.put("replicas", 3).put("revisionHistoryLimit", 10).put("progressDeadlineSeconds", 600);
    spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", "checkout");
    spec.putObject("strategy")
        .put("type", "RollingUpdate")
        .putObject("rollingUpdate")
        .put("maxSurge", "25%")
        .put("maxUnavailable", 0);
    spec.set("template", podTemplate());
    return review("apps", "deployments", "Deployment", "checkout", deployment, "jane@example.com");
  }

  /** A review as the bytes the API server posts. */
  public static byte[] bytes(JsonNode review) {
    return JSON.writeValueAsString(review).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode review(
      String group, String resource, String kind, String name, JsonNode object, String user) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", "0f3e1a52-6c1d-4f7b-9e2a-7b5c3d1e9f01");
    request.putObject("kind").put("group", group).put("version", "v1").put("kind", kind);
    request
        .putObject("resource")
        .put("group", group)
        .put("version", "v1")
        .put("resource", resource);
    request.set("requestKind", request.path("kind"));
    request.set("requestResource", request.path("resource"));
    if (!name.isEmpty()) {
      request.put("name", name);
    }
    request.put("namespace", "shop");
    request.put("operation", "CREATE");
    ObjectNode userInfo = request.putObject("userInfo");
    userInfo.put("username", user);
    userInfo.putArray("groups").add("system:authenticated");
    request.set("object", object);
    request.putNull("oldObject");
    request.put("dryRun", false);
    request.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind", "CreateOptions");
    return review;
  }
}
