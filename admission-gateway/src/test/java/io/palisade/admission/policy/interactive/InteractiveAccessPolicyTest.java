package io.palisade.admission.policy.interactive;

import static io.palisade.admission.policy.PolicyRequests.connect;
import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Violation;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InteractiveAccessPolicyTest {

  private static final Map<String, Map<String, String>> NAMESPACE_LABELS =
      Map.of(
          "vault", Map.of(InteractiveAccessPolicy.PROTECTED_LABEL, "true"),
          "shop", Map.of(InteractiveAccessPolicy.PROTECTED_LABEL, "false"));

  private final InteractiveAccessPolicy policy =
      new InteractiveAccessPolicy(
          new InteractiveAccessSettings(
              Set.of("payments"),
              Set.of("sre-break-glass"),
              Set.of("exec", "attach", "portforward")),
          InteractiveAccessPolicy.labelledProtected(
              namespace -> NAMESPACE_LABELS.getOrDefault(namespace, Map.of())));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"exec", "attach", "portforward"})
  void refusesInteractiveAccessInAConfiguredProtectedNamespace(String subresource) {
    assertThat(policy.evaluate(connect(subresource, "api-0").namespace("payments").build()))
        .extracting(Violation::fieldPath, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "pods/" + subresource,
                "pods/"
                    + subresource
                    + ": refused for pod \"api-0\" in protected namespace \"payments\" (no"
                    + " break-glass group)"));
  }

  @Test
  void aNamespaceLabelledProtectedIsProtected() {
    assertThat(policy.evaluate(connect("exec", "vault-0").namespace("vault").build())).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"shop", "unknown"})
  void allowsAccessInNamespacesThatAreNotProtected(String namespace) {
    assertThat(policy.evaluate(connect("exec", "web-0").namespace(namespace).build())).isEmpty();
  }

  @Test
  void aBreakGlassGroupMemberMayExec() {
    assertThat(
            policy.evaluate(
                connect("exec", "api-0")
                    .namespace("payments")
                    .user("oncall", "system:authenticated", "sre-break-glass")
                    .build()))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"log", "proxy", "status"})
  void otherSubresourcesAreNotInteractiveAccess(String subresource) {
    assertThat(policy.evaluate(connect(subresource, "api-0").namespace("payments").build()))
        .isEmpty();
  }

  @Test
  void onlyConnectRequestsCount() {
    assertThat(
            policy.evaluate(
                create(yaml("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}"))
                    .namespace("payments")
                    .subResource("exec")
                    .build()))
        .isEmpty();
  }
}
