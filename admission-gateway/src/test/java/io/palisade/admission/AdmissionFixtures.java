package io.palisade.admission;

import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.review.AdmissionReviewReader;
import io.palisade.testkit.Fixtures;
import java.util.UUID;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Loads the AdmissionReview and PSA fixtures under src/test/resources. */
public final class AdmissionFixtures {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private AdmissionFixtures() {}

  /** {@code admission-review/<case>/request.json}. */
  public static ObjectNode review(String caseName) {
    return (ObjectNode) json("admission-review/" + caseName + "/request.json");
  }

  public static JsonNode json(String resource) {
    return JSON.readTree(Fixtures.text(resource));
  }

  public static AdmissionRequest request(JsonNode review) {
    return new AdmissionReviewReader().read(review).request();
  }

  /** A Pod CREATE AdmissionReview in namespace {@code psa} around a bare PSA fixture pod. */
  public static ObjectNode podCreate(String podYamlResource) {
    return podCreate((JsonNode) JSON.valueToTree(new Yaml().load(Fixtures.text(podYamlResource))));
  }

  /** A Pod CREATE AdmissionReview in namespace {@code psa} around a pod (copied). */
  public static ObjectNode podCreate(JsonNode pod) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    request.put("name", pod.path("metadata").path("name").stringValue(""));
    request.put("namespace", "psa");
    request.put("operation", "CREATE");
    request.putObject("userInfo").put("username", "psa-fixture");
    request.set("object", pod.deepCopy());
    request.putNull("oldObject");
    request.put("dryRun", false);
    return review;
  }

  /** The same review with a fresh uid, so that runs against a shared topic never mix records. */
  public static ObjectNode withFreshUid(ObjectNode review) {
    ObjectNode copy = review.deepCopy();
    ((ObjectNode) copy.path("request")).put("uid", UUID.randomUUID().toString());
    return copy;
  }

  public static String uid(JsonNode review) {
    return review.path("request").path("uid").stringValue();
  }
}
