package io.palisade.correlation.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.correlation.sigma.SigmaEngine;
import io.palisade.correlation.sigma.SigmaLogsource;
import io.palisade.correlation.sigma.SigmaRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pack loads as one set, and every rule carries the metadata a signal and an analyst need. */
class RulePackTest {

  /** Catch-all Falco rules: the technique comes from the alert's own tags, not from the rule. */
  private static final Set<String> WITHOUT_ATTACK_TAGS =
      Set.of("falco_other_alert_critical", "falco_other_alert_error", "falco_other_alert_warning");

  @Test
  void theWholePackLoadsAsOneSetWithUniqueIdsAndTitles() {
    List<SigmaRule> rules = RulePack.load();
    Map<String, Path> files = RulePack.singleEventFiles();

    assertThat(rules).hasSize(files.size());
    assertThat(rules.stream().map(SigmaRule::id)).doesNotHaveDuplicates();
    assertThat(rules.stream().map(SigmaRule::title)).doesNotHaveDuplicates();
    assertThat(rules.stream().map(RulePack::stem))
        .containsExactlyInAnyOrderElementsOf(files.keySet());
  }

  @Test
  void everyRuleHasAUuidLevelDescriptionFalsePositivesAndAttackTags() {
    assertThat(RulePack.load())
        .allSatisfy(
            rule -> {
              assertThat(UUID.fromString(rule.id()).toString()).isEqualTo(rule.id());
              assertThat(rule.level()).as(rule.label()).isNotBlank();
              assertThat(rule.description()).as(rule.label()).hasSizeGreaterThan(40);
              assertThat(rule.falsepositives()).as(rule.label()).isNotEmpty();
              assertThat(rule.status()).as(rule.label()).isIn("test", "experimental", "stable");
              if (!WITHOUT_ATTACK_TAGS.contains(RulePack.stem(rule))) {
                assertThat(rule.tactics()).as(rule.label()).isNotEmpty();
              }
            });
  }

  /**
   * Rules without a literal verb/resource (audit) or source/rule (Falco) constraint are evaluated
   * for every event; keep them few. Audit: the user-, IP- and user-agent-based rules (attack tools,
   * 401s, public IPs, impersonation, anonymous, default admins). Falco: the 15 catch-alls for
   * unmapped runtime alerts (alerts are far rarer than audit events).
   */
  @Test
  void fewRulesEscapeTheIndex() {
    SigmaEngine engine = RulePack.engine();
    assertThat(engine.alwaysEvaluated(SigmaLogsource.AUDIT)).isLessThanOrEqualTo(7);
    assertThat(engine.alwaysEvaluated(SigmaLogsource.ADMISSION)).isZero();
    assertThat(engine.alwaysEvaluated(SigmaLogsource.FALCO)).isLessThanOrEqualTo(15);
  }

  @Test
  void everyFolderHoldsRulesOfItsOwnLogsource() {
    assertThat(RulePack.load())
        .allSatisfy(
            rule ->
                assertThat(Path.of(rule.source()).getParent().getFileName().toString())
                    .as(rule.label())
                    .isEqualTo(rule.logsource().service()));
  }

  @Test
  void everyRuleHasPositiveAndNegativeCasesAndEveryCaseFolderHasARule() throws IOException {
    Map<String, Path> files = RulePack.singleEventFiles();
    List<Path> caseFolders;
    try (Stream<Path> folders = Files.list(RulePack.casesRoot())) {
      caseFolders =
          folders
              .filter(Files::isDirectory)
              .filter(folder -> !folder.getFileName().toString().equals("correlations"))
              .toList();
    }
    Map<String, Path> byStem =
        caseFolders.stream()
            .collect(Collectors.toMap(f -> f.getFileName().toString(), Function.identity()));
    assertThat(byStem.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
    for (Map.Entry<String, Path> folder : byStem.entrySet()) {
      assertThat(RuleCasesTest.casesIn(folder.getValue(), "positive"))
          .as(folder.getKey())
          .isNotEmpty();
      assertThat(RuleCasesTest.casesIn(folder.getValue(), "negative"))
          .as(folder.getKey())
          .isNotEmpty();
    }
  }
}
