package io.palisade.admission.policy.rbac;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolePolicyTest {

  private final RolePolicy policy = new RolePolicy(RoleSettings.defaults());

  private static AdmissionRequest role(String rules) {
    return create(
            yaml(
                "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r},"
                    + " rules: "
                    + rules
                    + "}"))
        .namespace("")
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{apiGroups: [''], resources: [pods], verbs: ['*']}"
            + "| rules[0].verbs: wildcard verb \"*\" is not allowed",
        "{apiGroups: [apps], resources: ['*'], verbs: [get]}"
            + "| rules[0].resources: wildcard resource \"*\" is not allowed",
        "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}"
            + "| rules[0].verbs: \"escalate\", \"bind\" not allowed (privilege escalation)",
        "{apiGroups: [''], resources: [users, groups], verbs: [impersonate]}"
            + "| rules[0].verbs: \"impersonate\" not allowed (privilege escalation)",
        "{apiGroups: [''], resources: [pods/exec], verbs: [create]}"
            + "| rules[0].resources: \"pods/exec\" not allowed",
        "{apiGroups: ['*'], resources: ['*/exec', nodes/proxy], verbs: [get, create]}"
            + "| rules[0].resources: \"*/exec\", \"nodes/proxy\" not allowed",
        "{apiGroups: [''], resources: [secrets, configmaps], verbs: [watch, list]}"
            + "| rules[0].resources: reading \"secrets\" (list, watch) not allowed without resourceNames"
      })
  void refusesDangerousRules(String rule, String message) {
    assertThat(policy.evaluate(role("[" + rule + "]")))
        .extracting(Violation::message)
        .containsExactly(message);
  }

  @Test
  void reportsEachRuleAtItsIndexAndAWildcardOnce() {
    assertThat(
            policy.evaluate(
                role(
                    "[{apiGroups: [''], resources: [pods], verbs: [get]},"
                        + " {apiGroups: ['*'], resources: ['*'], verbs: ['*']}]")))
        .extracting(Violation::fieldPath)
        .containsExactly("rules[1].verbs", "rules[1].resources");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{apiGroups: [''], resources: [pods, pods/log], verbs: [get, list, watch]}",
        "{apiGroups: [''], resources: [secrets], verbs: [get], resourceNames: [my-tls]}",
        "{apiGroups: [''], resources: [secrets], verbs: [create, delete]}",
        "{apiGroups: [apps], resources: [deployments/exec], verbs: [create]}",
        "{nonResourceURLs: [/healthz], verbs: [get]}"
      })
  void acceptsOrdinaryRules(String rule) {
    assertThat(policy.evaluate(role("[" + rule + "]"))).isEmpty();
  }

  @Test
  void allowedCreatorsMayWriteAnyRole() {
    String wildcard =
        "{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r},"
            + " rules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]}";

    assertThat(
            policy.evaluate(
                create(yaml(wildcard)).user("kubernetes-admin", "system:masters").build()))
        .isEmpty();
    assertThat(
            new RolePolicy(new RoleSettings(java.util.Set.of("argo"), java.util.Set.of()))
                .evaluate(create(yaml(wildcard)).user("argo").build()))
        .isEmpty();
    assertThat(policy.evaluate(create(yaml(wildcard)).user("bob", "devs").build())).hasSize(2);
  }

  @Test
  void ignoresBindingsAndOtherKinds() {
    assertThat(
            policy.evaluate(
                create(
                        yaml(
                            "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, rules: [{verbs: ['*']}]}"))
                    .build()))
        .isEqualTo(List.of());
  }
}
