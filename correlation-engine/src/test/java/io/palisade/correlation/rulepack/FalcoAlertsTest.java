package io.palisade.correlation.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.correlation.sigma.JsonSigmaEvent;
import io.palisade.correlation.sigma.SigmaEngine;
import io.palisade.correlation.sigma.SigmaLogsource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pack's Falco rules on the 23 real alerts of the Falco website: internal messages and Falco's
 * "Disallowed K8s User" give no signal, k8saudit alerts map like the native audit rules, syscall
 * alerts map to their rule (also in the pre-0.28 format without {@code source}), and an unmapped
 * alert falls to the catch-all of its priority.
 */
class FalcoAlertsTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Falco rule name → the pack rule file it must give (empty = no signal). */
  private static final Map<String, List<String>> EXPECTED =
      Map.of(
          "Falco internal: metrics snapshot", List.of(),
          "Disallowed K8s User", List.of(),
          "Terminal shell in container", List.of("falco_terminal_shell_in_container"),
          "Contact K8S API Server From Container", List.of("falco_k8s_api_contact_from_container"),
          "Attach/Exec Pod", List.of("falco_k8saudit_exec"),
          "K8s Serviceaccount Created", List.of("falco_k8saudit_activity"),
          "Fake rule", List.of("falco_other_alert_error"));

  @Test
  void everyRealAlertGivesExactlyTheExpectedSignals() throws IOException {
    SigmaEngine engine = RulePack.engine();
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(RulePack.resource("/accuracy/falco-website-alerts"))) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode alert = MAPPER.readTree(line);
          String rule = alert.path("rule").stringValue();
          List<String> matched =
              engine.match(SigmaLogsource.FALCO, JsonSigmaEvent.of(alert)).stream()
                  .map(RulePack::stem)
                  .toList();
          assertThat(EXPECTED).as(rule).containsKey(rule);
          assertThat(matched).as(file.getFileName() + ": " + rule).isEqualTo(EXPECTED.get(rule));
          checked.add(rule);
        }
      }
    }
    assertThat(checked).hasSize(23);
  }
}
