package io.palisade.admission.pss;

import static io.palisade.admission.AdmissionFixtures.JSON;

import io.palisade.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The upstream PSA fixtures as stored under {@code src/test/resources/psa}: {@code MANIFEST.csv}
 * (one row per upstream file) and {@code pods/<sha256_16>.yaml} (each distinct content once). Each
 * distinct pod is parsed once and shared; callers must not modify the returned nodes.
 */
final class PsaFixtures {

  /**
   * One upstream fixture.
   *
   * @param path the upstream path, e.g. {@code restricted/v1.37/fail/runasuser0.yaml}
   * @param level the level it is evaluated at
   * @param version the policy version it is evaluated at
   * @param allowed whether the pod must be allowed
   * @param checkId the upstream check the fixture exercises ({@code -} for {@code base*.yaml})
   * @param expectedErrorSubstring what a denial message must contain (empty for passes)
   * @param sha the first 16 hex digits of the content's SHA-256, naming {@code pods/<sha>.yaml}
   */
  record Row(
      String path,
      PodSecurityLevel level,
      PodSecurityVersion version,
      boolean allowed,
      String checkId,
      String expectedErrorSubstring,
      String sha) {

    JsonNode pod() {
      return PsaFixtures.pod(sha);
    }

    @Override
    public String toString() {
      return path;
    }
  }

  private static final Map<String, JsonNode> PODS = new ConcurrentHashMap<>();
  private static volatile List<Row> rows;

  private PsaFixtures() {}

  /** Every manifest row, in manifest order. */
  static List<Row> rows() {
    List<Row> loaded = rows;
    if (loaded == null) {
      loaded = parseManifest(Fixtures.text("psa/MANIFEST.csv"));
      rows = loaded;
    }
    return loaded;
  }

  /** The row of an upstream path, e.g. {@code baseline/v1.37/fail/privileged0.yaml}. */
  static Row row(String path) {
    return rows().stream()
        .filter(row -> row.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no PSA fixture " + path));
  }

  /** The pod of an upstream path, as JSON. */
  static JsonNode pod(String shaOrPath) {
    String sha = shaOrPath.endsWith(".yaml") ? row(shaOrPath).sha() : shaOrPath;
    return PODS.computeIfAbsent(
        sha, s -> JSON.valueToTree(new Yaml().load(Fixtures.text("psa/pods/" + s + ".yaml"))));
  }

  private static List<Row> parseManifest(String csv) {
    List<Row> parsed = new ArrayList<>();
    String[] lines = csv.split("\n");
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = csvFields(lines[i]);
      parsed.add(
          new Row(
              f.get(0),
              PodSecurityLevel.parse(f.get(1)),
              PodSecurityVersion.parse(f.get(2)),
              switch (f.get(3)) {
                case "allowed" -> true;
                case "denied" -> false;
                default -> throw new IllegalStateException("bad verdict in line " + (i + 1));
              },
              f.get(4),
              f.get(7),
              f.get(8)));
    }
    return List.copyOf(parsed);
  }

  /** The fields of one CSV line; double-quoted fields may contain commas and doubled quotes. */
  private static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c != '\r') {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
