package io.palisade.correlation.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One folder under {@code src/test/resources/scenarios/}: the evidence of {@code audit.jsonl},
 * {@code admission.jsonl} and {@code falco.jsonl} (any subset, one record per line, blank lines and
 * lines starting with {@code //} skipped) in event-time order, and {@code expected.yaml} when the
 * folder is an attack.
 */
record Scenario(String name, List<ScenarioEvidence> evidence, ExpectedIncident expected) {

  static final String ROOT = "scenarios";
  static final String BENIGN = "benign";
  static final String CLUSTER = "prod-eu1";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Every attack scenario (folders with an {@code expected.yaml}), by name. */
  static List<Scenario> attacks() {
    try (Stream<Path> folders = Files.list(root())) {
      return folders
          .filter(folder -> Files.exists(folder.resolve("expected.yaml")))
          .sorted()
          .map(Scenario::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scenario named(String name) {
    return load(root().resolve(name));
  }

  /** The scenario's evidence moved so that its first record is at {@code first} (event time). */
  List<ScenarioEvidence> startingAt(java.time.Instant first) {
    long shift = first.toEpochMilli() - evidence.get(0).time().toEpochMilli();
    return evidence.stream().map(e -> e.shifted(shift)).toList();
  }

  java.time.Instant firstTime() {
    return evidence.get(0).time();
  }

  @Override
  public String toString() {
    return name;
  }

  private static Scenario load(Path folder) {
    String name = folder.getFileName().toString();
    List<ScenarioEvidence> evidence = new ArrayList<>();
    evidence.addAll(read(folder, "audit.jsonl", ScenarioEvidence::audit));
    evidence.addAll(read(folder, "admission.jsonl", ScenarioEvidence::admission));
    evidence.addAll(read(folder, "falco.jsonl", ScenarioEvidence::falco));
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException(name + ": no evidence (audit, admission or falco.jsonl)");
    }
    // stable: records of one file keep their order at equal times
    evidence.sort(Comparator.comparing(ScenarioEvidence::time));
    Path expected = folder.resolve("expected.yaml");
    return new Scenario(
        name,
        List.copyOf(evidence),
        Files.exists(expected)
            ? ExpectedIncident.parse(text(expected), name + "/expected.yaml")
            : null);
  }

  private interface Reader {
    ScenarioEvidence read(JsonNode json, String cluster, String line);
  }

  private static List<ScenarioEvidence> read(Path folder, String file, Reader reader) {
    Path path = folder.resolve(file);
    if (!Files.exists(path)) {
      return List.of();
    }
    List<ScenarioEvidence> records = new ArrayList<>();
    List<String> lines = text(path).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("//")) {
        continue;
      }
      String where = folder.getFileName() + "/" + file + ":" + (i + 1);
      JsonNode json;
      try {
        json = JSON.readTree(line);
      } catch (JacksonException e) {
        throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage(), e);
      }
      records.add(reader.read(json, CLUSTER, where));
    }
    return records;
  }

  private static String text(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    try {
      return Path.of(
          Objects.requireNonNull(
                  Scenario.class.getClassLoader().getResource(ROOT), "test resource " + ROOT)
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
