package io.palisade.benchmarks.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole incident benchmark, tiny: each part on its own embedded broker (a few thousand signals;
 * 200 audit events/s for two seconds; 100 and 10 open incidents), and its own section written next
 * to another one.
 */
class IncidentBenchmarkIT {

  @Test
  void runsTheThreePartsAndWritesItsOwnSection(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(
        doc, "# Benchmarks\n\n<!-- intake-load:begin -->\nkept\n<!-- intake-load:end -->\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    int exit =
        IncidentBenchmark.run(
            new String[] {
              "--signals=3000",
              "--rate=200",
              "--attack-every=10",
              "--warmup=1s",
              "--duration=2s",
              "--drain=60s",
              "--partitions=1",
              "--open-incidents=100",
              "--signals-per-incident=3",
              "--full-timeline-incidents=10",
              "--write=" + doc
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(progress, true, StandardCharsets.UTF_8));

    String section = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(progress.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(section)
        .contains(
            "Signals per second through one correlation task",
            "End-to-end latency",
            "Store size per 1,000 open incidents",
            "| 100 × 3 | 100 | **all stores**",
            "one merge per session");
    assertThat(Files.readString(doc)).contains("kept", IncidentBenchmarkReport.BEGIN);
  }
}
