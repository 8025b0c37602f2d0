package io.palisade.benchmarks.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdmissionLoadPartsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theWorkloadIsHalfPodsHalfDeploymentsWithOneInTenDeniedAndOneInTenWarned() {
    AdmissionWorkload workload = AdmissionWorkload.build(200, 1);

    assertThat(workload.bodies()).hasSize(200);
    assertThat(workload.denied()).isEqualTo(20);
    assertThat(workload.warned()).isEqualTo(20);
    int pods = 0;
    Set<String> uids = new HashSet<>();
    for (byte[] body : workload.bodies()) {
      JsonNode request = JSON.readTree(body).path("request");
      uids.add(request.path("uid").stringValue());
      String kind = request.path("kind").path("kind").stringValue();
      assertThat(kind).isIn("Pod", "Deployment");
      if (kind.equals("Pod")) {
        pods++;
      }
    }
    assertThat(pods).isEqualTo(100);
    assertThat(uids).hasSize(200);
    assertThat(AdmissionWorkload.build(200, 1).bodies().get(7))
        .as("seeded: the same bodies every run")
        .isEqualTo(workload.bodies().get(7));
  }

  @Test
  void aReplicaSetPodIsNamedByGenerateNameAndOwnedByItsReplicaSet() {
    AdmissionWorkload workload = AdmissionWorkload.build(20, 1);

    JsonNode pod =
        workload.bodies().stream()
            .map(JSON::readTree)
            .map(review -> review.path("request"))
            .filter(r -> r.path("object").path("metadata").has("generateName"))
            .findFirst()
            .orElseThrow();
    assertThat(pod.path("name").stringValue()).isEmpty();
    assertThat(
            pod.path("object")
                .path("metadata")
                .path("ownerReferences")
                .get(0)
                .path("kind")
                .stringValue())
        .isEqualTo("ReplicaSet");
    assertThat(pod.path("userInfo").path("username").stringValue())
        .isEqualTo("system:serviceaccount:kube-system:replicaset-controller");
  }

  @Test
  void settingsParseAndRefuseNonsense() {
    AdmissionLoadSettings settings =
        AdmissionLoadSettings.parse("--rate=500", "--duration=2s", "--step-duration=500ms");

    assertThat(settings.rate()).isEqualTo(500);
    assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.stepDuration()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.p99LimitMillis()).isEqualTo(10);
    assertThatThrownBy(() -> AdmissionLoadSettings.parse("--rate=0"))
        .hasMessageContaining("--rate must be positive");
    assertThatThrownBy(() -> AdmissionLoadSettings.parse("--speed=1"))
        .hasMessageContaining("unknown option --speed");
  }

  @Test
  void bisectsBetweenTheLastSustainedAndTheFirstFailedRate() {
    assertThat(AdmissionLoadRun.roundedMiddle(4000, 8000)).isEqualTo(6000);
    assertThat(AdmissionLoadRun.roundedMiddle(4000, 6000)).isEqualTo(5000);
    assertThat(AdmissionLoadRun.roundedMiddle(4000, 4300)).isEqualTo(4150);
  }

  @Test
  void aSecondRunReplacesOnlyItsOwnSection() {
    String intake = "<!-- intake-load:begin -->\nintake numbers\n<!-- intake-load:end -->";
    String first =
        AdmissionLoadReport.updateDocument(
            "# Benchmarks\n\n" + intake + "\n",
            AdmissionLoadReport.BEGIN + "\nfirst\n" + AdmissionLoadReport.END + "\n");
    String second =
        AdmissionLoadReport.updateDocument(
            first + "\n## After\n",
            AdmissionLoadReport.BEGIN + "\nsecond\n" + AdmissionLoadReport.END + "\n");

    assertThat(second)
        .contains(intake)
        .contains("second")
        .doesNotContain("first")
        .contains("## After");
  }

  @Test
  void aRateIsSustainedOnlyWithoutFailuresAtTheRateAndUnderTheLimit() {
    LatencyMillis fast = new LatencyMillis(1, 2, 3, 4, 5);
    assertThat(
            new RateResult(1000, Duration.ofSeconds(1), 1000, 1000, 0, 1000, fast, null)
                .sustained(10))
        .isTrue();
    assertThat(
            new RateResult(1000, Duration.ofSeconds(1), 1000, 999, 1, 1000, fast, "x")
                .sustained(10))
        .isFalse();
    assertThat(
            new RateResult(1000, Duration.ofSeconds(1), 900, 900, 0, 900, fast, null).sustained(10))
        .isFalse();
    assertThat(
            new RateResult(1000, Duration.ofSeconds(1), 1000, 1000, 0, 1000, fast, null)
                .sustained(3))
        .isFalse();
  }
}
