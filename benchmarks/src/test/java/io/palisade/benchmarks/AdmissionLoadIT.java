package io.palisade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.benchmarks.admission.AdmissionLoadReport;
import io.palisade.benchmarks.admission.AdmissionLoadResults;
import io.palisade.benchmarks.admission.AdmissionLoadRun;
import io.palisade.benchmarks.admission.AdmissionLoadSettings;
import io.palisade.benchmarks.admission.EndpointResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole admission load, tiny: its own broker, the gateway over HTTPS with a certificate made at
 * start, a fraction of a second at 100 and 200 reviews per second against {@code /validate} and the
 * floor, and the section written next to the intake harness's.
 */
class AdmissionLoadIT {

  @Test
  void loadsTheGatewayAndItsFloorOverHttpsAndWritesItsOwnSection(@TempDir Path dir)
      throws Exception {
    AdmissionLoadSettings settings =
        new AdmissionLoadSettings(
            100,
            Duration.ofMillis(200),
            Duration.ofMillis(500),
            Duration.ofMillis(300),
            200,
            10_000,
            1,
            40,
            4,
            dir.resolve("benchmarks.md"));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    AdmissionLoadResults results =
        new AdmissionLoadRun(settings, new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run();

    for (EndpointResult endpoint : new EndpointResult[] {results.gateway(), results.floor()}) {
      assertThat(endpoint.main().sent()).as(endpoint.name()).isBetween(40L, 60L);
      assertThat(endpoint.main().failed()).as(endpoint.main().firstFailure()).isZero();
      assertThat(endpoint.main().succeeded()).isEqualTo(endpoint.main().sent());
      assertThat(endpoint.main().latency().p99()).isPositive();
      assertThat(endpoint.steps()).extracting(r -> r.rate()).containsExactly(200);
      assertThat(endpoint.steps().get(0).failed()).isZero();
    }
    assertThat(results.consistent()).isTrue();
    assertThat(
            results.publishOutcomes().get("published")
                + results.publishOutcomes().get("failed")
                + results.publishOutcomes().get("dropped"))
        .as("every review sent to /validate was a decision handed to the publisher")
        .isPositive();
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[admission-load] gateway: 100/s")
        .contains("[admission-load] floor: step 200/s");

    Files.writeString(
        settings.write(),
        "# Benchmarks\n\n<!-- intake-load:begin -->\nintake\n<!-- intake-load:end -->\n");
    AdmissionLoad.write(settings.write(), AdmissionLoadReport.section(results, "test"));
    String document = Files.readString(settings.write());
    assertThat(document)
        .contains("<!-- intake-load:begin -->\nintake\n<!-- intake-load:end -->")
        .contains(AdmissionLoadReport.BEGIN)
        .contains("| gateway `POST /validate` |")
        .contains("| floor `POST /benchmark/allow` |")
        .contains("**Highest rate sustained with p99 < 10000 ms:** gateway **200/s**");
  }
}
