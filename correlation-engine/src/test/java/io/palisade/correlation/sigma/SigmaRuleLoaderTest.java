package io.palisade.correlation.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule metadata, tags, and the refusals with their file, rule, line and construct. */
class SigmaRuleLoaderTest {

  private static final String HEADER =
      """
      title: Bad rule
      id: 0d933542-1f1f-420d-97d4-21b2c3c492d9
      logsource:
          product: kubernetes
          service: audit
      """;

  private static SigmaRuleException refusal(String yaml) {
    try {
      SigmaRuleLoader.load(yaml, "bad.yml");
    } catch (SigmaRuleException e) {
      return e;
    }
    throw new AssertionError("rule was accepted:\n" + yaml);
  }

  @Test
  void readsMetadataAndMapsAttackTags() {
    SigmaRule rule =
        SigmaRuleLoader.load(
                """
                title: Meta
                id: 597a7e84-187d-458b-9e4f-2f5a0e676711
                status: experimental
                description: Something
                level: high
                tags:
                    - attack.execution
                    - attack.discovery
                    - attack.t1609
                    - attack.t1552.007
                    - attack.stealth
                    - attack.g0001
                    - detection.threat-hunting
                logsource:
                    category: application
                    product: kubernetes
                    service: audit
                falsepositives:
                    - Admins
                detection:
                    selection:
                        verb: get
                    condition: selection
                """,
                "meta.yml")
            .get(0);
    assertThat(rule.title()).isEqualTo("Meta");
    assertThat(rule.id()).isEqualTo("597a7e84-187d-458b-9e4f-2f5a0e676711");
    assertThat(rule.status()).isEqualTo("experimental");
    assertThat(rule.level()).isEqualTo("high");
    assertThat(rule.description()).isEqualTo("Something");
    assertThat(rule.falsepositives()).containsExactly("Admins");
    assertThat(rule.logsource()).isEqualTo(SigmaLogsource.AUDIT);
    assertThat(rule.techniques()).containsExactly("T1552.007", "T1609");
    assertThat(rule.tactics())
        .containsExactly("TA0002 Execution", "TA0005 Defense Evasion", "TA0007 Discovery");
    assertThat(rule.tags()).hasSize(7);
  }

  @Test
  void readsAdmissionAndFalcoLogsources() {
    assertThat(SigmaTestRules.rule("admission", "s:\n    allowed: false\ncondition: s").logsource())
        .isEqualTo(SigmaLogsource.ADMISSION);
    assertThat(SigmaTestRules.rule("falco", "s:\n    rule: x\ncondition: s").logsource())
        .isEqualTo(SigmaLogsource.FALCO);
  }

  @Test
  void refusalsNameFileRuleLineAndConstruct() {
    SigmaRuleException e =
        refusal(
            HEADER
                + """
                detection:
                    selection:
                        verb: create
                        requestURI|windash: '-x'
                    condition: selection
                """);
    assertThat(e.source()).isEqualTo("bad.yml");
    assertThat(e.line()).isEqualTo(9);
    assertThat(e.rule()).isEqualTo("'Bad rule' (0d933542-1f1f-420d-97d4-21b2c3c492d9)");
    assertThat(e.getMessage())
        .startsWith("bad.yml:9: rule 'Bad rule' (0d933542-1f1f-420d-97d4-21b2c3c492d9): ")
        .contains("requestURI|windash")
        .contains("windash");
  }

  @Test
  void refusesKeywordSearches() {
    SigmaRuleException e =
        refusal(HEADER + "detection:\n    keywords:\n        - 'evil'\n    condition: keywords\n");
    assertThat(e.line()).isEqualTo(8);
    assertThat(e.problem()).contains("keyword");
    assertThat(
            refusal(
                    HEADER
                        + "detection:\n    k:\n        '|all':\n            - a\n            - b\n    condition: k\n")
                .problem())
        .contains("keyword");
    assertThat(refusal(HEADER + "detection:\n    k: evil\n    condition: k\n").problem())
        .contains("keyword");
  }

  @Test
  void refusesUnknownAndUnsupportedModifiersAndBadCombinations() {
    assertThat(problemOf("verb|sortof: x")).contains("unknown modifier 'sortof'");
    assertThat(problemOf("verb|expand: '%admins%'")).contains("expand");
    assertThat(problemOf("verb|utf16le: x")).contains("UTF-16");
    assertThat(problemOf("verb|re|contains: x")).contains("cannot be combined");
    assertThat(problemOf("verb|contains|re: x")).contains("cannot be combined");
    assertThat(problemOf("verb|contains|base64: x")).contains("before contains");
    assertThat(problemOf("verb|base64offset: x")).contains("contains");
    assertThat(problemOf("verb|i: x")).contains("sub-modifier of 're'");
    assertThat(problemOf("verb|all: x")).contains("at least two values");
    assertThat(problemOf("verb|contains: null")).contains("null");
    assertThat(problemOf("verb|gt: ten")).contains("number");
    assertThat(problemOf("verb|cidr: 10.0.0.0/33")).contains("CIDR");
    assertThat(problemOf("verb|exists: maybe")).contains("boolean");
    assertThat(problemOf("verb|re: '(unclosed'")).contains("invalid regular expression");
    assertThat(problemOf("verb|neq: x")).contains("'neq' is not supported");
    assertThat(problemOf("verb: {nested: map}")).contains("scalar");
  }

  private static String problemOf(String entry) {
    return refusal(
            HEADER
                + "detection:\n    selection:\n        "
                + entry
                + "\n    condition: selection\n")
        .problem();
  }

  @Test
  void refusesBadConditionsWithPosition() {
    String detection = "detection:\n    selection:\n        verb: get\n    condition: %s\n";
    SigmaRuleException unknown = refusal(HEADER + detection.formatted("selection and filter"));
    assertThat(unknown.line()).isEqualTo(9);
    assertThat(unknown.problem())
        .contains("unknown search identifier 'filter'")
        .contains("at character 15");
    assertThat(refusal(HEADER + detection.formatted("selection | count() > 5")).problem())
        .contains("aggregation");
    assertThat(refusal(HEADER + detection.formatted("1 of filter*")).problem())
        .contains("names no search identifier");
    assertThat(refusal(HEADER + detection.formatted("2 of selection*")).problem())
        .contains("only '1 of' and 'all of'");
    assertThat(refusal(HEADER + detection.formatted("(selection")).problem())
        .contains("expected ')'");
    assertThat(refusal(HEADER + detection.formatted("selection and")).problem())
        .contains("at the end");
    assertThat(refusal(HEADER + detection.formatted("selection selection")).problem())
        .contains("unexpected 'selection'");
    assertThat(refusal(HEADER + detection.formatted("selection*")).problem())
        .contains("only allowed after");
    assertThat(refusal(HEADER + "detection:\n    selection:\n        verb: get\n").problem())
        .contains("no 'condition'");
  }

  @Test
  void refusesCorrelationsLogsourcesAndBadMetadata() {
    SigmaRuleException correlation =
        refusal(
            "title: Many\ncorrelation:\n    type: event_count\n    rules: [a]\n    timespan: 1h\n");
    assertThat(correlation.line()).isEqualTo(2);
    assertThat(correlation.problem()).contains("correlation rules");
    assertThat(
            refusal(
                    HEADER.replace("service: audit", "service: apiserver")
                        + "detection:\n    s:\n        verb: get\n    condition: s\n")
                .problem())
        .contains("service 'apiserver'");
    assertThat(
            refusal(
                    HEADER.replace("product: kubernetes", "product: windows")
                        + "detection:\n    s:\n        verb: get\n    condition: s\n")
                .problem())
        .contains("product 'windows'");
    assertThat(
            refusal(
                    HEADER
                        + "level: urgent\ndetection:\n    s:\n        verb: get\n    condition: s\n")
                .problem())
        .contains("unknown level 'urgent'");
    assertThat(
            refusal(
                    HEADER
                        + "tags:\n    - attack.sneaking\ndetection:\n    s:\n        verb: get\n    condition: s\n")
                .line())
        .isEqualTo(7);
    assertThat(
            refusal(
                    HEADER.replace("title: Bad rule\n", "")
                        + "detection:\n    s:\n        verb: get\n    condition: s\n")
                .problem())
        .contains("'title' is mandatory");
    assertThat(
            refusal(
                    HEADER
                        + "detection:\n    s:\n        verb: get\n        verb: list\n    condition: s\n")
                .problem())
        .contains("duplicate key 'verb'");
  }

  @Test
  void refusesInvalidYamlWithItsLine() {
    SigmaRuleException e =
        refusal(HEADER + "detection:\n    selection: [unclosed\n    condition: selection\n");
    assertThat(e.problem()).startsWith("not valid YAML");
    assertThat(e.line()).isGreaterThan(6);
  }

  @Test
  void aDirectoryIsRefusedAsAWholeWithEveryError(@TempDir Path dir) throws Exception {
    String good =
        HEADER.replace("Bad rule", "Good")
            + "detection:\n    s:\n        verb: get\n    condition: s\n";
    Files.writeString(dir.resolve("a_good.yml"), good);
    Files.writeString(
        dir.resolve("b_bad.yml"),
        HEADER + "detection:\n    s:\n        verb|nope: get\n    condition: s\n");
    Files.writeString(
        dir.resolve("c_bad.yaml"),
        HEADER + "detection:\n    s:\n        verb: get\n    condition: t\n");
    assertThatThrownBy(() -> SigmaRuleLoader.loadDirectory(dir))
        .isInstanceOfSatisfying(
            SigmaRuleSetException.class,
            e -> {
              assertThat(e.errors()).hasSize(2); // both bad files, not only the first
              assertThat(e.getMessage()).contains("b_bad.yml:8").contains("c_bad.yaml:9");
            });
    Files.delete(dir.resolve("b_bad.yml"));
    Files.delete(dir.resolve("c_bad.yaml"));
    Files.writeString(dir.resolve("d_same_id.yml"), good.replace("Good", "Good too"));
    assertThatThrownBy(() -> SigmaRuleLoader.loadDirectory(dir))
        .hasMessageContaining("duplicate id");
    Files.delete(dir.resolve("d_same_id.yml"));
    List<SigmaRule> rules = SigmaRuleLoader.loadDirectory(dir);
    assertThat(rules).extracting(SigmaRule::title).containsExactly("Good");
  }

  @Test
  void readsSeveralRulesFromOneFile() {
    String two =
        HEADER.replace(
                "0d933542-1f1f-420d-97d4-21b2c3c492d9", "aaaaaaaa-1f1f-420d-97d4-21b2c3c492d9")
            + "detection:\n    s:\n        verb: get\n    condition: s\n---\n"
            + HEADER
            + "detection:\n    s:\n        verb: list\n    condition: s\n";
    assertThat(SigmaRuleLoader.load(two, "two.yml")).hasSize(2);
  }
}
