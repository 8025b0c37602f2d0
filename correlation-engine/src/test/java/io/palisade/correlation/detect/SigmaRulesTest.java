package io.palisade.correlation.detect;

import static io.palisade.correlation.support.SigmaTopologies.T0;
import static io.palisade.correlation.support.SigmaTopologies.audit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.correlation.sigma.RuleFile;
import io.palisade.correlation.sigma.SigmaRuleSet;
import io.palisade.correlation.sigma.SigmaRuleSetException;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.correlation.support.SigmaTopologies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the rule set from the built-in pack and directories, and reloading it. */
class SigmaRulesTest {

  private static final String SECRETS_RULE =
      """
      title: Secret read
      id: 55555555-0000-4000-8000-000000000001
      logsource: {product: kubernetes, service: audit}
      detection:
        selection:
          verb: get
          objectRef.resource: secrets
        condition: selection
      """;

  private static final String DELETE_RULE =
      """
      title: Pod deleted
      id: 55555555-0000-4000-8000-000000000002
      logsource: {product: kubernetes, service: audit}
      detection:
        selection:
          verb: delete
          objectRef.resource: pods
        condition: selection
      """;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private double reloads(String outcome) {
    return meters.counter(SigmaRules.RELOAD_METRIC, "outcome", outcome).count();
  }

  @Test
  void builtInFilesAndDirectoriesLoadAsOneSet(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("secrets.yml"), SECRETS_RULE);

    SigmaRules rules =
        new SigmaRules(
            List.of(new RuleFile("classpath:rules/delete.yml", DELETE_RULE)), List.of(dir), meters);

    assertThat(rules.current().detections())
        .extracting(rule -> rule.title())
        .containsExactly("Pod deleted", "Secret read");
  }

  @Test
  void anEmptyPackIsAllowed(@TempDir Path dir) {
    assertThat(new SigmaRules(List.of(), List.of(dir), meters).current().size()).isZero();
  }

  @Test
  void aBadInitialSetIsRefused(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bad.yml"), "title: Bad\nlogsource: {product: windows}\n");

    assertThatThrownBy(() -> new SigmaRules(List.of(), List.of(dir), meters))
        .isInstanceOf(SigmaRuleSetException.class)
        .hasMessageContaining("bad.yml");
  }

  @Test
  void aChangedGoodSetIsReloadedAndABadOneRefusedKeepingTheRunningSet(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("secrets.yml"), SECRETS_RULE);
    SigmaRules rules = new SigmaRules(List.of(), List.of(dir), meters);
    SigmaRuleSet first = rules.current();

    assertThat(rules.reload()).isEqualTo(SigmaRules.Outcome.UNCHANGED);
    assertThat(rules.current()).isSameAs(first);

    Files.writeString(dir.resolve("delete.yml"), DELETE_RULE);
    assertThat(rules.reload()).isEqualTo(SigmaRules.Outcome.RELOADED);
    assertThat(rules.current().detections()).hasSize(2);
    assertThat(reloads("success")).isEqualTo(1);

    SigmaRuleSet good = rules.current();
    Files.writeString(
        dir.resolve("broken.yml"), SECRETS_RULE.replace("verb: get", "verb|windash: get"));
    assertThat(rules.reload()).isEqualTo(SigmaRules.Outcome.REFUSED);
    assertThat(rules.current()).isSameAs(good);
    assertThat(reloads("failure")).isEqualTo(1);

    // the same bad content is not counted (nor logged) again on every poll
    assertThat(rules.reload()).isEqualTo(SigmaRules.Outcome.REFUSED);
    assertThat(reloads("failure")).isEqualTo(1);

    // an edit of a rule's content (same files) is a change too
    Files.delete(dir.resolve("broken.yml"));
    Files.writeString(
        dir.resolve("delete.yml"),
        DELETE_RULE.replace("verb: delete", "verb: [delete, deletecollection]"));
    assertThat(rules.reload()).isEqualTo(SigmaRules.Outcome.RELOADED);
    assertThat(reloads("success")).isEqualTo(2);
  }

  @Test
  void theRunningTopologyUsesAReloadedSetAtOnce(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("secrets.yml"), SECRETS_RULE);
    SigmaRules rules = new SigmaRules(List.of(), List.of(dir), meters);
    try (DetectionHarness harness =
        SigmaTopologies.harness(rules, DetectionSettings.defaults(), meters)) {
      harness.audit.pipeInput("k", audit("d1", "alice", "delete", "pods", "shop", "web", 200, T0));
      assertThat(harness.signals()).isEmpty();

      Files.writeString(dir.resolve("delete.yml"), DELETE_RULE);
      assertThat(rules.reload()).isEqualTo(SigmaRules.Outcome.RELOADED);
      harness.audit.pipeInput(
          "k", audit("d2", "alice", "delete", "pods", "shop", "api", 200, T0.plusSeconds(1)));

      assertThat(harness.signals())
          .singleElement()
          .satisfies(r -> assertThat(r.value().getTitle()).isEqualTo("Pod deleted"));
    }
  }
}
