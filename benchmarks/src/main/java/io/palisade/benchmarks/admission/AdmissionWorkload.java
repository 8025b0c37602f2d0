package io.palisade.benchmarks.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AdmissionReviews the load sends, a mix shaped like a cluster's: in every 20 reviews, 10 Pod
 * CREATEs (8 compliant pods of a ReplicaSet with {@code generateName}, 2 privileged ones that are
 * denied) and 10 Deployment CREATEs (8 compliant, 2 with a privileged pod template that are allowed
 * with a warning). Built from the samples in {@code workload/admission/} (see the README there);
 * each body has its own request uid and object name, in a fixed (seeded) order.
 *
 * @param bodies the serialised reviews, sent in turn
 * @param denied how many of them the gateway denies
 * @param warned how many it allows with a warning
 */
public record AdmissionWorkload(List<byte[]> bodies, int denied, int warned) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The kinds of review in one round of 20, in order. */
  private enum Kind {
    COMPLIANT_POD,
    PRIVILEGED_POD,
    COMPLIANT_DEPLOYMENT,
    PRIVILEGED_TEMPLATE
  }

  private static final List<Kind> ROUND = round();

  public AdmissionWorkload {
    bodies = List.copyOf(bodies);
  }

  /**
   * @param size how many distinct bodies (a multiple of 20 keeps the mix exact)
   * @param seed for the order within each round
   */
  public static AdmissionWorkload build(int size, long seed) {
    ObjectNode deployment = sample("deployment-create-compliant");
    ObjectNode privilegedTemplate = sample("deployment-create-privileged-template");
    ObjectNode privilegedPod = sample("pod-create-privileged");
    ObjectNode replicaSetPod = compliantPodOf(deployment);
    Random random = new Random(seed);
    List<byte[]> bodies = new ArrayList<>(size);
    int denied = 0;
    int warned = 0;
    List<Kind> round = new ArrayList<>(ROUND);
    for (int i = 0; i < size; i++) {
      if (i % ROUND.size() == 0) {
        Collections.shuffle(round, random);
      }
      Kind kind = round.get(i % round.size());
      ObjectNode review =
          switch (kind) {
            case COMPLIANT_POD -> replicaSetPod.deepCopy();
            case PRIVILEGED_POD -> privilegedPod.deepCopy();
            case COMPLIANT_DEPLOYMENT -> deployment.deepCopy();
            case PRIVILEGED_TEMPLATE -> privilegedTemplate.deepCopy();
          };
      if (kind == Kind.PRIVILEGED_POD) {
        denied++;
      } else if (kind == Kind.PRIVILEGED_TEMPLATE) {
        warned++;
      }
      bodies.add(unique(review, i, random).toString().getBytes(StandardCharsets.UTF_8));
    }
    return new AdmissionWorkload(bodies, denied, warned);
  }

  public int meanBodyBytes() {
    return (int) bodies.stream().mapToInt(b -> b.length).average().orElse(0);
  }

  /** A pod CREATE as a Deployment's ReplicaSet sends it: its template, named by generateName. */
  private static ObjectNode compliantPodOf(ObjectNode deploymentReview) {
    ObjectNode review = deploymentReview.deepCopy();
    ObjectNode request = (ObjectNode) review.path("request");
    JsonNode template = request.path("object").path("spec").path("template");
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata = ((ObjectNode) template.path("metadata")).deepCopy();
    String deploymentName = request.path("object").path("metadata").path("name").stringValue("");
    metadata.put("generateName", deploymentName + "-7d4b9c5f6-");
    metadata.put("namespace", request.path("namespace").stringValue(""));
    ArrayNode owners = metadata.putArray("ownerReferences");
    owners
        .addObject()
        .put("apiVersion", "apps/v1")
        .put("kind", "ReplicaSet")
        .put("name", deploymentName + "-7d4b9c5f6")
        .put("uid", "6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7")
        .put("controller", true)
        .put("blockOwnerDeletion", true);
    pod.set("metadata", metadata);
    pod.set("spec", template.path("spec").deepCopy());
    request.set("object", pod);
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    request.putObject("requestKind").put("group", "").put("version", "v1").put("kind", "Pod");
    request
        .putObject("requestResource")
        .put("group", "")
        .put("version", "v1")
        .put("resource", "pods");
    request.put("name", "");
    ObjectNode user = request.putObject("userInfo");
    user.put("username", "system:serviceaccount:kube-system:replicaset-controller");
    user.putArray("groups").add("system:serviceaccounts").add("system:authenticated");
    return review;
  }

  /** A fresh uid, and a distinct object name so that record keys vary as in a cluster. */
  private static ObjectNode unique(ObjectNode review, int index, Random random) {
    ObjectNode request = (ObjectNode) review.path("request");
    request.put("uid", new UUID(random.nextLong(), random.nextLong()).toString());
    ObjectNode metadata = (ObjectNode) request.path("object").path("metadata");
    String suffix = "-" + Integer.toString(index, 36);
    if (metadata.has("generateName")) {
      metadata.put("generateName", metadata.path("generateName").stringValue("") + suffix + "-");
    } else if (metadata.has("name")) {
      String name = metadata.path("name").stringValue("") + suffix;
      metadata.put("name", name);
      if (!request.path("name").stringValue("").isEmpty()) {
        request.put("name", name);
      }
    }
    return review;
  }

  private static ObjectNode sample(String name) {
    String resource = "/workload/admission/" + name + ".json";
    try (InputStream in = AdmissionWorkload.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static List<Kind> round() {
    List<Kind> round = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      round.add(Kind.COMPLIANT_POD);
      round.add(Kind.COMPLIANT_DEPLOYMENT);
    }
    for (int i = 0; i < 2; i++) {
      round.add(Kind.PRIVILEGED_POD);
      round.add(Kind.PRIVILEGED_TEMPLATE);
    }
    return List.copyOf(round);
  }
}
