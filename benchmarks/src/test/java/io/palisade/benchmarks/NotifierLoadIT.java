package io.palisade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.benchmarks.notifier.NotifierLoad;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole notifier harness, tiny: the baseline, the embedded broker, the alert-notifier and both
 * phases with a few hundred incident versions, its section written into a document.
 */
class NotifierLoadIT {

  @Test
  void measuresTheNotifierAgainstDirectPostsAndWritesItsSection(@TempDir Path dir)
      throws Exception {
    Path document = dir.resolve("benchmarks.md");
    Files.writeString(document, "# Benchmarks\n", StandardCharsets.UTF_8);

    String section =
        NotifierLoad.measure(
            System.err,
            "--baseline=200",
            "--burst=300",
            "--warmup=100",
            "--rate=50",
            "--latency-duration=2s",
            "--write=" + document);

    assertThat(section)
        .contains("<!-- notifier-load:begin -->")
        .contains("| baseline: direct POSTs")
        .contains("| notifier, latency: 50 versions/s")
        .contains("| notifier, throughput:")
        .contains("**Notifier throughput ÷ direct POSTs:")
        .contains("0 of them duplicates")
        .contains("every incident version written was delivered");
    assertThat(Files.readString(document)).startsWith("# Benchmarks\n").contains(section);
  }
}
