package io.palisade.runtime.falco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.PalisadeSerde;
import io.palisade.testkit.Fixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Replays every line of the Falco website corpus ({@code falco/website-alerts}, see its README)
 * through the reader and the normaliser, and checks it against the table {@code expected.csv}. A
 * line without a row, a row without a line, or a field that differs fails the build.
 */
class WebsiteAlertCorpusReplayTest {

  private static final String CORPUS = "falco/website-alerts/";
  private static final Instant INGEST = Instant.parse("2026-01-02T03:04:05Z");

  private final FalcoAlertReader reader = new FalcoAlertReader();
  private final FalcoAlertNormalizer normalizer = new FalcoAlertNormalizer();

  @ParameterizedTest(name = "{0}:{1} {2} {3}")
  @CsvFileSource(resources = "/" + CORPUS + "expected.csv", numLinesToSkip = 1)
  void normalisesTheCorpusLineAsTheTableSays(
      String file,
      int lineNumber,
      String outcome,
      String rule,
      FalcoPriority priority,
      Severity severity,
      String source,
      String hostname,
      String namespace,
      String pod,
      String image,
      String containerId,
      String tactics,
      String techniques) {
    NdjsonLines.Line line = lineOf(file, lineNumber);

    if (outcome.startsWith("rejected:")) {
      assertThatThrownBy(() -> normalizer.normalize(reader.read(line), "corpus", INGEST))
          .isInstanceOf(InvalidEvidenceException.class)
          .extracting(e -> ((InvalidEvidenceException) e).reason())
          .isEqualTo(outcome.substring("rejected:".length()));
      return;
    }
    RuntimeAlert alert = normalizer.normalize(reader.read(line), "corpus", INGEST);

    assertThat(InternalMessages.isInternal(alert) ? "internal" : "security").isEqualTo(outcome);
    assertThat(alert.getRule()).isEqualTo(rule);
    assertThat(alert.getPriority()).isEqualTo(priority);
    assertThat(alert.getSeverity()).isEqualTo(severity);
    assertThat(alert.getSource()).isEqualTo(source);
    assertThat(alert.getHostname()).isEqualTo(orEmpty(hostname));
    assertThat(alert.getNamespace()).isEqualTo(namespace);
    assertThat(alert.getPod()).isEqualTo(pod);
    assertThat(alert.getImage()).isEqualTo(image);
    assertThat(alert.getContainerId()).isEqualTo(containerId);
    assertThat(alert.getTactics()).isEqualTo(list(tactics));
    assertThat(alert.getTechniques()).isEqualTo(list(techniques));
    assertThat(alert.getId()).matches("[0-9a-f]{64}");
    assertThat(PalisadeSerde.of(RuntimeAlert.class).serialize("runtime", alert))
        .as("the hand-written Avro writer's bytes are Avro's")
        .isEqualTo(avroBytes(alert));
  }

  /** What Avro's own single-object encoder writes for {@code record}. */
  private static <T extends org.apache.avro.specific.SpecificRecord> byte[] avroBytes(T record) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      new org.apache.avro.message.BinaryMessageEncoder<T>(
              new org.apache.avro.specific.SpecificData(type.getClassLoader()), record.getSchema())
          .encode(record, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void hasARowForEveryLineOfEveryCorpusFileAndNoOther() throws IOException {
    List<String> rows = new ArrayList<>();
    for (String row : Fixtures.text(CORPUS + "expected.csv").split("\n")) {
      if (!row.isBlank() && !row.startsWith("file,")) {
        String[] cells = row.split(",", -1);
        rows.add(cells[0] + ":" + cells[1]);
      }
    }
    List<String> lines = new ArrayList<>();
    for (String file : corpusFiles()) {
      for (NdjsonLines.Line line : NdjsonLines.split(Fixtures.bytes(CORPUS + file))) {
        lines.add(file + ":" + line.number());
      }
    }

    assertThat(corpusFiles()).hasSize(12);
    assertThat(lines).hasSize(23);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(lines);
  }

  static List<String> corpusFiles() throws IOException {
    try {
      Path directory =
          Path.of(
                  Thread.currentThread()
                      .getContextClassLoader()
                      .getResource(CORPUS + "README.md")
                      .toURI())
              .getParent();
      try (Stream<Path> files = Files.list(directory)) {
        return files
            .map(path -> path.getFileName().toString())
            .filter(name -> name.endsWith(".jsonl"))
            .sorted()
            .toList();
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static NdjsonLines.Line lineOf(String file, int number) {
    return NdjsonLines.split(Fixtures.bytes(CORPUS + file)).stream()
        .filter(line -> line.number() == number)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + number + " in " + file));
  }

  private static List<String> list(String cell) {
    return cell == null || cell.isEmpty() ? List.of() : Arrays.asList(cell.split(";"));
  }

  private static String orEmpty(String cell) {
    return cell == null ? "" : cell;
  }
}
