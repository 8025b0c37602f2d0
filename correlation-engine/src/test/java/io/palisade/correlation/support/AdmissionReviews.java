package io.palisade.correlation.support;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.PolicyViolation;
import io.palisade.avro.UserInfo;
import io.palisade.testkit.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an AdmissionReview request (a fixture) into the {@link AdmissionDecision} the admission
 * gateway publishes, with the verdict and violations the test chooses.
 */
public final class AdmissionReviews {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  public static final Instant DECIDED = Instant.parse("2026-07-01T10:15:31Z");

  private AdmissionReviews() {}

  public static AdmissionDecision fixture(
      String area, String cluster, boolean allowed, List<PolicyViolation> violations) {
    JsonNode request =
        MAPPER.readTree(Fixtures.text("admission/" + area + "/review.json")).path("request");
    List<String> groups = new ArrayList<>();
    request.path("userInfo").path("groups").forEach(g -> groups.add(g.asString()));
    return AdmissionDecision.newBuilder()
        .setId(request.path("uid").asString())
        .setCluster(cluster)
        .setEventTime(DECIDED)
        .setIngestTime(DECIDED)
        .setOperation(request.path("operation").asString())
        .setGroup(request.path("kind").path("group").asString())
        .setVersion(request.path("kind").path("version").asString())
        .setKind(request.path("kind").path("kind").asString())
        .setResource(request.path("resource").path("resource").asString())
        .setNamespace(request.path("namespace").asString())
        .setName(request.path("name").asString())
        .setUser(
            UserInfo.newBuilder()
                .setUsername(request.path("userInfo").path("username").asString())
                .setGroups(groups)
                .build())
        .setAllowed(allowed)
        .setViolations(violations)
        .setObjectJson(request.path("object").toString())
        .build();
  }

  public static PolicyViolation violation(String policy, String message) {
    return PolicyViolation.newBuilder().setPolicy(policy).setMessage(message).build();
  }
}
