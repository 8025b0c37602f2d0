package io.palisade.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.EvidencePublisher;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends each file of the Falco website corpus, and then all of them at once, as one NDJSON batch
 * through the intake: what is published, counted as internal and dead-lettered must match the
 * outcomes of {@code falco/website-alerts/expected.csv}.
 */
class WebsiteAlertCorpusIntakeTest {

  private static final String CORPUS = "falco/website-alerts/";

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final FalcoIntake intake =
      new FalcoIntake(
          new FalcoAlertNormalizer(),
          new EvidencePublisher(producer, Duration.ofSeconds(1)),
          topics.runtime(),
          topics.deadLetter(),
          "corpus",
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  static Stream<String> corpusFiles() {
    return expectedOutcomes().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("corpusFiles")
  void publishesCountsAndDeadLettersEachFileAsTheTableSays(String file) {
    Counts expected = expectedOutcomes().get(file);

    FalcoIntake.Outcome outcome = intake.acceptLines(Fixtures.bytes(CORPUS + file));

    assertThat(new Counts(outcome)).isEqualTo(expected);
    assertThat(producer.history()).hasSize(expected.published() + expected.deadLettered());
    assertThat(outcome.published()).extracting(RuntimeAlert::getSource).doesNotContain("internal");
  }

  @Test
  void takesTheWholeCorpusAsOneBatch() throws Exception {
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    for (String file : expectedOutcomes().keySet()) {
      batch.write(Fixtures.bytes(CORPUS + file));
      batch.write('\n');
    }

    FalcoIntake.Outcome outcome = intake.acceptLines(batch.toByteArray());

    assertThat(new Counts(outcome)).isEqualTo(new Counts(17, 5, 1));
    assertThat(producer.history()).hasSize(18);
    assertThat(outcome.published().stream().map(RuntimeAlert::getId).distinct().count())
        .as("the corpus repeats two alerts verbatim: same alert, same id")
        .isEqualTo(15);
  }

  record Counts(int published, int internal, int deadLettered) {
    Counts(FalcoIntake.Outcome outcome) {
      this(outcome.published().size(), outcome.internal().size(), outcome.deadLetters().size());
    }
  }

  /** Per file, the outcomes the table expects, in file order. */
  private static Map<String, Counts> expectedOutcomes() {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String row : Fixtures.text(CORPUS + "expected.csv").split("\n")) {
      if (row.isBlank() || row.startsWith("file,")) {
        continue;
      }
      String[] cells = row.split(",", -1);
      int[] count = counts.computeIfAbsent(cells[0], f -> new int[3]);
      String outcome = cells[2];
      if (outcome.equals("security")) {
        count[0]++;
      } else if (outcome.equals("internal")) {
        count[1]++;
      } else if (outcome.startsWith("rejected:")) {
        count[2]++;
      } else {
        throw new IllegalStateException("unknown outcome in expected.csv: " + row);
      }
    }
    Map<String, Counts> expected = new LinkedHashMap<>();
    counts.forEach((file, c) -> expected.put(file, new Counts(c[0], c[1], c[2])));
    return expected;
  }
}
