package io.palisade.benchmarks.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotifierLoadPartsTest {

  @Test
  void parsesTheOptionsAndRefusesUnknownOnes() {
    NotifierLoadSettings defaults = NotifierLoadSettings.parse();
    assertThat(defaults.burstIncidents()).isEqualTo(20_000);
    assertThat(defaults.latencyDuration()).isEqualTo(Duration.ofSeconds(30));

    NotifierLoadSettings quick =
        NotifierLoadSettings.parse(
            "--baseline=2000",
            "--burst=1_000",
            "--rate=50",
            "--latency-duration=500ms",
            "--timeout=2m",
            "--write=docs/benchmarks.md");
    assertThat(quick.baselineIncidents()).isEqualTo(2_000);
    assertThat(quick.burstIncidents()).isEqualTo(1_000);
    assertThat(quick.rate()).isEqualTo(50);
    assertThat(quick.latencyDuration()).isEqualTo(Duration.ofMillis(500));
    assertThat(quick.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(quick.write()).isEqualTo(Path.of("docs/benchmarks.md"));

    assertThatThrownBy(() -> NotifierLoadSettings.parse("--rate=0"))
        .hasMessageContaining("--rate=0: expected a positive whole number");
    assertThatThrownBy(() -> NotifierLoadSettings.parse("--duration=5s"))
        .hasMessageContaining("unknown argument --duration=5s");
  }

  @Test
  void replacesOnlyItsOwnSectionOfTheDocument() {
    String section = NotifierLoadReport.BEGIN + "\nnew\n" + NotifierLoadReport.END + "\n";
    String document =
        "# Benchmarks\n<!-- intake-load:begin -->\nintake\n<!-- intake-load:end -->\n\n"
            + NotifierLoadReport.BEGIN
            + "\nold\n"
            + NotifierLoadReport.END
            + "\n\n### Reading this run\n";

    assertThat(NotifierLoadReport.updateDocument(document, section))
        .isEqualTo(
            "# Benchmarks\n<!-- intake-load:begin -->\nintake\n<!-- intake-load:end -->\n\n"
                + section
                + "\n### Reading this run\n");
    assertThat(NotifierLoadReport.updateDocument("# Benchmarks\n", section))
        .isEqualTo("# Benchmarks\n\n" + section);
  }

  @Test
  void theFastReceiverNotesTheFirstArrivalOfEachKeyAndCountsDuplicates() throws Exception {
    try (FastReceiver receiver = FastReceiver.start()) {
      HttpClient http = HttpClient.newHttpClient();
      for (String key : new String[] {"inc-1/4", "inc-2/1", "inc-1/4"}) {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(receiver.url("/hook"))
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"x\"}"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
      }

      assertThat(receiver.requests()).isEqualTo(3);
      assertThat(receiver.duplicates()).isEqualTo(1);
      assertThat(receiver.arrival("inc-1/4")).isNotNull();
      assertThat(receiver.arrival("inc-3/1")).isNull();
    }
  }
}
