package io.palisade.correlation.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SigmaHQ's 16 Kubernetes audit rules load unchanged and each fires on its positive events and not
 * on its negative ones (labelled cases under {@code sigma/sigmahq/cases}).
 */
class SigmaHqRulesTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private record Case(String rule, boolean expect, String source, JsonNode event) {}

  private static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(SigmaResources.path("sigmahq/cases"))) {
      for (Path file : files.sorted().toList()) {
        String rule = file.getFileName().toString().replace(".ndjson", ".yml");
        for (String line : Files.readAllLines(file)) {
          JsonNode node = MAPPER.readTree(line);
          cases.add(
              new Case(
                  rule,
                  node.get("expect").booleanValue(),
                  node.get("source").stringValue(),
                  node.get("event")));
        }
      }
    }
    return cases;
  }

  private static SigmaEngine engine() {
    return SigmaEngine.of(SigmaRuleLoader.loadDirectory(SigmaResources.path("sigmahq/rules")));
  }

  private static String fileName(SigmaRule rule) {
    return Path.of(rule.source()).getFileName().toString();
  }

  @Test
  void allSixteenRulesLoad() {
    List<SigmaRule> rules = engine().rules();
    assertThat(rules).hasSize(16);
    assertThat(rules)
        .allSatisfy(rule -> assertThat(rule.logsource()).isEqualTo(SigmaLogsource.AUDIT));
    SigmaRule exec =
        rules.stream()
            .filter(rule -> fileName(rule).equals("kubernetes_audit_exec_into_container.yml"))
            .findFirst()
            .orElseThrow();
    assertThat(exec.title()).isEqualTo("Potential Remote Command Execution In Pod Container");
    assertThat(exec.level()).isEqualTo("medium");
    assertThat(exec.techniques()).containsExactly("T1609");
    assertThat(exec.tactics()).containsExactly("TA0002 Execution");
  }

  @Test
  void eachRuleFiresOnItsPositivesAndNotOnItsNegatives() throws IOException {
    SigmaEngine engine = engine();
    List<Case> cases = cases();
    for (Case c : cases) {
      List<String> matched =
          engine.match(SigmaLogsource.AUDIT, JsonSigmaEvent.of(c.event())).stream()
              .map(SigmaHqRulesTest::fileName)
              .toList();
      assertThat(matched.contains(c.rule()))
          .as(c.rule() + " on " + c.source() + " (matched " + matched + ")")
          .isEqualTo(c.expect());
    }
    List<String> withPositive =
        cases.stream().filter(Case::expect).map(Case::rule).distinct().toList();
    List<String> withNegative =
        cases.stream().filter(c -> !c.expect()).map(Case::rule).distinct().toList();
    List<String> all = engine.rules().stream().map(SigmaHqRulesTest::fileName).toList();
    assertThat(withNegative).containsExactlyInAnyOrderElementsOf(all);
    // every rule but the one that can never match as written (see sigmahq/README.md)
    assertThat(withPositive)
        .containsExactlyInAnyOrderElementsOf(
            all.stream()
                .filter(name -> !name.equals("kubernetes_audit_potential_enumeration_activity.yml"))
                .toList());
  }

  @Test
  void theIndexNeverHidesAMatch() throws IOException {
    SigmaEngine engine = engine();
    for (Case c : cases()) {
      SigmaEvent event = JsonSigmaEvent.of(c.event());
      List<SigmaRule> bruteForce =
          engine.rules().stream().filter(rule -> rule.matches(event)).toList();
      assertThat(engine.match(SigmaLogsource.AUDIT, event)).as(c.source()).isEqualTo(bruteForce);
    }
  }

  @Test
  void mostRulesAreIndexedByVerbAndResource() {
    SigmaEngine engine = engine();
    // the 403/401 rule and the enumeration rule have no literal verb or resource
    assertThat(engine.alwaysEvaluated(SigmaLogsource.AUDIT)).isEqualTo(2);
    SigmaEvent read =
        SigmaTestRules.event("{\"verb\":\"get\",\"objectRef\":{\"resource\":\"pods\"}}");
    assertThat(engine.candidates(SigmaLogsource.AUDIT, read)).hasSize(2);
    SigmaEvent secretDelete =
        SigmaTestRules.event("{\"verb\":\"delete\",\"objectRef\":{\"resource\":\"secrets\"}}");
    assertThat(engine.candidates(SigmaLogsource.AUDIT, secretDelete))
        .extracting(SigmaHqRulesTest::fileName)
        .containsExactlyInAnyOrder(
            "kubernetes_audit_potential_enumeration_activity.yml",
            "kubernetes_audit_secrets_modified_or_deleted.yml",
            "kubernetes_audit_unauthorized_unauthenticated_actions.yml");
  }
}
