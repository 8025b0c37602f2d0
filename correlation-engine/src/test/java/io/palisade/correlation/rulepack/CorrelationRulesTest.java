package io.palisade.correlation.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.correlation.sigma.JsonSigmaEvent;
import io.palisade.correlation.sigma.SigmaRule;
import io.palisade.correlation.sigma.SigmaRuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The shape of the correlation rules in {@code rules/correlations/}: each file's base rules load
 * through {@link SigmaRuleLoader} and fire on the events of the positive sequence in {@code
 * rules-cases/correlations/<stem>/}; the correlation document has a known type, references only the
 * file's base rules by name, and has group-by, a timespan and (for counting types) a condition. The
 * windowed semantics (positive and negative sequences through the detection topology) are {@link
 * CorrelationCasesTest}'s.
 */
class CorrelationRulesTest {

  private static final Set<String> TYPES =
      Set.of("event_count", "value_count", "temporal", "temporal_ordered");

  static Stream<Path> correlationFiles() {
    return RulePack.yamlFiles(RulePack.root().resolve(RulePack.CORRELATIONS_FOLDER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("correlationFiles")
  @SuppressWarnings("unchecked")
  void baseRulesLoadAndTheCorrelationIsWellFormed(Path file) throws IOException {
    String text = Files.readString(file);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
      documents.add((Map<String, Object>) document);
    }
    List<String> baseTexts =
        Stream.of(text.split("(?m)^---$"))
            .filter(part -> !part.contains("\ncorrelation:"))
            .toList();
    List<SigmaRule> bases = new ArrayList<>();
    for (String base : baseTexts) {
      bases.addAll(SigmaRuleLoader.load(base, file.toString()));
    }
    List<Map<String, Object>> correlations =
        documents.stream().filter(document -> document.containsKey("correlation")).toList();
    assertThat(correlations).hasSize(1);
    assertThat(bases).hasSize(documents.size() - 1);
    List<String> baseNames =
        documents.stream()
            .filter(document -> !document.containsKey("correlation"))
            .map(document -> (String) document.get("name"))
            .toList();

    Map<String, Object> rule = correlations.get(0);
    Map<String, Object> correlation = (Map<String, Object>) rule.get("correlation");
    assertThat(UUID.fromString((String) rule.get("id"))).isNotNull();
    assertThat((String) rule.get("level")).isNotBlank();
    assertThat((List<String>) rule.get("tags")).anyMatch(tag -> tag.matches("attack\\.t\\d{4}.*"));
    assertThat((String) correlation.get("type")).isIn(TYPES);
    assertThat((List<String>) correlation.get("rules")).containsExactlyElementsOf(baseNames);
    assertThat((List<String>) correlation.get("group-by")).isNotEmpty();
    assertThat((String) correlation.get("timespan")).matches("\\d+[smhd]");
    if (((String) correlation.get("type")).endsWith("_count")) {
      assertThat((Map<String, Object>) correlation.get("condition")).isNotEmpty();
    }
    if (correlation.get("type").equals("value_count")) {
      assertThat((Map<String, Object>) correlation.get("condition")).containsKey("field");
    }

    Path cases = RulePack.casesRoot().resolve("correlations").resolve(RulePack.stem(file));
    for (String line : Files.readAllLines(cases.resolve("positive.ndjson"))) {
      JsonSigmaEvent event = JsonSigmaEvent.parse(line);
      assertThat(bases.stream().anyMatch(base -> base.matches(event)))
          .as(file.getFileName() + ": " + line)
          .isTrue();
    }
    assertThat(cases.resolve("negative.ndjson")).isNotEmptyFile();
  }
}
