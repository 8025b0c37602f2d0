package io.palisade.correlation.sigma;

import java.util.List;

/** Builds small rules and events for the Sigma tests. */
final class SigmaTestRules {

  private SigmaTestRules() {}

  /** One audit rule whose {@code detection} block is {@code detection} (indented by the caller). */
  static SigmaRule auditRule(String detection) {
    return rule("audit", detection);
  }

  static SigmaRule rule(String service, String detection) {
    List<SigmaRule> rules = SigmaRuleLoader.load(yaml(service, detection), "test.yml");
    return rules.get(0);
  }

  static String yaml(String service, String detection) {
    return """
        title: Test rule
        id: 11111111-2222-4333-8444-555555555555
        status: test
        level: medium
        logsource:
            product: kubernetes
            service: %s
        detection:
        %s
        """
        .formatted(service, detection.indent(4).stripTrailing());
  }

  static SigmaEvent event(String json) {
    return JsonSigmaEvent.parse(json);
  }

  /** Whether a rule with {@code selection} as its only selection matches the event. */
  static boolean selects(String selection, String json) {
    return auditRule("selection:\n" + selection.indent(4) + "condition: selection")
        .matches(event(json));
  }
}
