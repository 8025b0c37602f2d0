package io.palisade.admission.policy.rbac;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.update;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleBindingPolicyTest {

  private final RoleBindingPolicy policy =
      new RoleBindingPolicy(
          RoleBindingSettings.of(
              Set.of("cluster-admin", "platform-wildcard"),
              List.of("Group:system:masters", "ServiceAccount:flux-system:kustomize-controller")));

  private static AdmissionRequest binding(
      String kind, String roleKind, String role, String subjects) {
    return create(
            yaml(
                "{apiVersion: rbac.authorization.k8s.io/v1, kind: "
                    + kind
                    + ", metadata: {name: b}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
                    + roleKind
                    + ", name: "
                    + role
                    + "}, subjects: "
                    + subjects
                    + "}"))
        .namespace(kind.equals("RoleBinding") ? "shop" : "")
        .build();
  }

  @Test
  void refusesBindingClusterAdminToAnyoneButTheAllowedSubjects() {
    AdmissionRequest request =
        binding(
            "ClusterRoleBinding",
            "ClusterRole",
            "cluster-admin",
            "[{kind: Group, name: 'system:masters'}, {kind: User, name: bob},"
                + " {kind: ServiceAccount, name: kustomize-controller, namespace: flux-system},"
                + " {kind: ServiceAccount, name: default, namespace: shop}]");

    assertThat(policy.evaluate(request))
        .extracting(Violation::fieldPath, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "subjects[1]",
                "subjects[1]: User \"bob\" must not be bound to ClusterRole \"cluster-admin\""),
            org.assertj.core.groups.Tuple.tuple(
                "subjects[3]",
                "subjects[3]: ServiceAccount \"shop/default\" must not be bound to ClusterRole"
                    + " \"cluster-admin\""));
  }

  @Test
  void judgesOtherRolesByTheirConfiguredNameAlsoInRoleBindings() {
    assertThat(
            policy.evaluate(
                binding("RoleBinding", "Role", "platform-wildcard", "[{kind: Group, name: devs}]")))
        .extracting(Violation::message)
        .containsExactly(
            "subjects[0]: Group \"devs\" must not be bound to Role \"platform-wildcard\"");
  }

  @Test
  void aServiceAccountWithoutNamespaceInARoleBindingIsInTheBindingsNamespace() {
    RoleBindingPolicy allowShopDefault =
        new RoleBindingPolicy(
            RoleBindingSettings.of(
                Set.of("cluster-admin"), List.of("ServiceAccount:shop:default")));

    assertThat(
            allowShopDefault.evaluate(
                binding(
                    "RoleBinding",
                    "ClusterRole",
                    "cluster-admin",
                    "[{kind: ServiceAccount, name: default}]")))
        .isEmpty();
  }

  @Test
  void ignoresOrdinaryRolesAndRechecksUpdatesThatAddSubjects() {
    assertThat(
            policy.evaluate(
                binding("ClusterRoleBinding", "ClusterRole", "view", "[{kind: User, name: bob}]")))
        .isEmpty();
    AdmissionRequest addBob =
        update(
                yaml(
                    "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata:"
                        + " {name: b}, roleRef: {kind: ClusterRole, name: cluster-admin}, subjects:"
                        + " [{kind: User, name: bob}]}"))
            .build();
    assertThat(policy.evaluate(addBob)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bob", "Robot:x", "User:", "ServiceAccount:ns", "ServiceAccount::name"})
  void refusesMalformedSubjectsInSettingsNamingThem(String entry) {
    assertThatThrownBy(() -> SubjectRef.parse(entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + entry + "\"");
  }

  @Test
  void parsesSubjectsWhoseNamesHoldColons() {
    assertThat(SubjectRef.parse("Group:system:masters"))
        .isEqualTo(new SubjectRef("Group", "", "system:masters"));
    assertThat(SubjectRef.parse("ServiceAccount:kube-system:a:b"))
        .isEqualTo(new SubjectRef("ServiceAccount", "kube-system", "a:b"));
  }
}
