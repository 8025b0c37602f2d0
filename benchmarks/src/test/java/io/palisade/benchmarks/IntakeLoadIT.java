package io.palisade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.benchmarks.LoadSettings.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness, tiny: its own embedded broker, both raw-producer baselines and both ingesters
 * loaded over HTTP for half a second each, a few hundred events in all.
 */
class IntakeLoadIT {

  @Test
  void measuresEveryScenarioAgainstTheRawProducerAndWritesTheResults(@TempDir Path dir)
      throws Exception {
    LoadSettings settings =
        new LoadSettings(
            EnumSet.allOf(Scenario.class),
            2,
            50,
            2,
            2,
            2,
            Duration.ZERO,
            Duration.ofMillis(500),
            8,
            2_000,
            Map.of("batch.size", "32768"),
            dir.resolve("benchmarks.md"));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    BenchmarkResults results =
        new BenchmarkRun(settings, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

    assertThat(results.scenarios())
        .extracting(ScenarioResult::name)
        .containsExactly("audit", "falco", "falco-ndjson", "audit-tls");
    for (ScenarioResult scenario : results.scenarios()) {
      assertThat(scenario.baseline().records()).isPositive().isLessThanOrEqualTo(2_000);
      assertThat(scenario.baseline().failures()).isZero();
      assertThat(scenario.http().requests()).isPositive().isLessThanOrEqualTo(8);
      assertThat(scenario.http().failedRequests()).as(scenario.http().firstFailure()).isZero();
      assertThat(scenario.recordsOnTopic()).isEqualTo(scenario.http().events());
      assertThat(scenario.http().latency().p99()).isPositive();
      assertThat(scenario.httpCpu().jvmCores()).isPositive();
    }
    ScenarioResult audit = results.scenarios().get(0);
    assertThat(audit.http().events()).isEqualTo(audit.http().requests() * 50);
    ScenarioResult secured = results.scenarios().get(3);
    assertThat(secured.http().events()).isEqualTo(secured.http().requests() * 50);
    ScenarioResult lines = results.scenarios().get(2);
    assertThat(lines.http().events()).isEqualTo(lines.http().requests() * 50);
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[intake-load] audit: raw producer")
        .contains("[intake-load] falco: measuring");

    IntakeLoad.write(settings.write(), BenchmarkReport.section(results, "test"));
    assertThat(Files.readString(settings.write()))
        .contains(BenchmarkReport.BEGIN)
        .contains("| `POST /v1/audit` | 50 | 2 |")
        .contains("| `POST /v1/falco` | 1 | 2 |")
        .contains("| `POST /v1/falco (NDJSON)` | 50 | 2 |")
        .contains("| `POST /v1/audit (HTTPS + token)` | 50 | 2 |")
        .contains("changed by `--producer`: batch.size=32768");
  }
}
