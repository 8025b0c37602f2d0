package io.palisade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.benchmarks.load.CpuMeter.CpuUse;
import io.palisade.benchmarks.load.HttpResult;
import io.palisade.benchmarks.load.LatencySummary;
import io.palisade.benchmarks.load.ProducerResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {

  private static final CpuUse CPU =
      new CpuUse(
          1.9,
          0.05,
          Map.of(
              CpuMeter.LOAD_GENERATOR, 0.2,
              CpuMeter.INGESTER, 1.0,
              CpuMeter.PRODUCER_IO, 0.2,
              CpuMeter.BROKER, 0.3,
              CpuMeter.JVM_INTERNAL, 0.2));

  /** 40,000 events/s over HTTP against 160,000 records/s raw: a quarter. */
  private static ScenarioResult audit(long onTopic) {
    return new ScenarioResult(
        "audit",
        "/v1/audit",
        "application/json",
        false,
        400,
        4,
        32,
        540_000,
        1_000,
        new ProducerResult(1_600_000, 1_600_000_000L, Duration.ofSeconds(10), 0),
        CPU,
        new HttpResult(
            1_000,
            400_000,
            Map.of(),
            null,
            Duration.ofSeconds(10),
            new LatencySummary(38.5, 60, 120.25, 300, 40)),
        CPU,
        onTopic);
  }

  @Test
  void tableShowsRatesLatenciesAndTheRatioToTheRawProducer() {
    String table = BenchmarkReport.table(List.of(audit(400_000)));

    assertThat(table)
        .contains("| `POST /v1/audit` | 400 | 4 | 160,000 | 160.0 | **40,000** | 100.0 |")
        .contains("| 38.5 | **120.3** | 300.0 |")
        .contains("| **0.25** | 0 | yes (400,000) |");
  }

  @Test
  void tableSaysSoWhenTheTopicDoesNotHoldEveryAcceptedEvent() {
    assertThat(BenchmarkReport.table(List.of(audit(399_999))))
        .contains("**no**: 400,000 accepted, 399,999 on topic");
    assertThat(audit(399_999).consistent()).isFalse();
    assertThat(audit(400_000).consistent()).isTrue();
  }

  @Test
  void targetsAreJudgedAgainstTheIssue() {
    String targets = BenchmarkReport.targets(List.of(audit(400_000)));

    assertThat(targets)
        .contains("| /v1/audit: ≥ 50,000 events/s | 40,000 | **no** |")
        .contains("| /v1/audit: ≥ 0.5 × the raw producer's rate | 0.25 | **no** |")
        .contains("per CPU-second of this JVM (discounts other processes) | 0.25 | **no** |")
        .contains("p99 latency per request (400 events) reported | 120.3 ms");
  }

  @Test
  void cpuTableGivesTheIngestersCostPerEvent() {
    // request threads 1.0 + producer I/O 0.2 cores for 40,000 events/s = 30 µs per event
    assertThat(BenchmarkReport.cpu(List.of(audit(400_000))))
        .contains(
            "| `/v1/audit` over HTTP | 0.20 | 1.00 | 0.20 | 0.30 | 0.20 | 1.90 | 0.05 | 30.0 µs |");
  }

  @Test
  void sectionNamesCommandMachineSettingsAndSharing() {
    BenchmarkResults results =
        new BenchmarkResults(
            LoadSettings.defaults(),
            new MachineInfo(2, 24L << 30, "AMD EPYC", "OpenJDK 17", "Linux", 6L << 30, List.of()),
            Instant.parse("2026-01-02T03:04:05Z"),
            Duration.ofSeconds(150),
            List.of(audit(400_000)));

    String section = BenchmarkReport.section(results, "java -jar benchmarks/target/benchmarks.jar");

    assertThat(section)
        .startsWith(BenchmarkReport.BEGIN)
        .endsWith(BenchmarkReport.END)
        .contains("`java -jar benchmarks/target/benchmarks.jar`")
        .contains("2026-01-02 03:04 (UTC), the whole run took 2 min 30 s")
        .contains("2 processors (`nproc`), 24.0 GiB memory, AMD EPYC")
        .contains("all run in this one JVM on these 2 processors")
        .contains("topics with 3 partitions")
        .contains("acks=all");
  }

  @Test
  void updateReplacesOnlyTheGeneratedSection() {
    String doc =
        "# Benchmarks\n\nanalysis above\n\n"
            + BenchmarkReport.BEGIN
            + "\nold numbers\n"
            + BenchmarkReport.END
            + "\n\nanalysis below\n";

    String updated =
        BenchmarkReport.updateDocument(
            doc, BenchmarkReport.BEGIN + "\nnew numbers\n" + BenchmarkReport.END);

    assertThat(updated)
        .isEqualTo(
            "# Benchmarks\n\nanalysis above\n\n"
                + BenchmarkReport.BEGIN
                + "\nnew numbers\n"
                + BenchmarkReport.END
                + "\n\nanalysis below\n");
  }

  @Test
  void updateAppendsTheSectionToADocumentWithoutOneAndStartsANewDocument() {
    String section = BenchmarkReport.BEGIN + "\nnumbers\n" + BenchmarkReport.END;

    assertThat(BenchmarkReport.updateDocument("# Notes\n", section))
        .isEqualTo("# Notes\n\n" + section + "\n");
    assertThat(BenchmarkReport.updateDocument(null, section))
        .startsWith("# Benchmarks\n")
        .endsWith(section + "\n");
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(BenchmarkReport.human(Duration.ofMillis(300))).isEqualTo("300 ms");
    assertThat(BenchmarkReport.human(Duration.ofSeconds(30))).isEqualTo("30 s");
    assertThat(BenchmarkReport.human(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
  }
}
