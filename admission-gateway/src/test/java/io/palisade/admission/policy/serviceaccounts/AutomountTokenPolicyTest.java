package io.palisade.admission.policy.serviceaccounts;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutomountTokenPolicyTest {

  private final AutomountTokenPolicy policy =
      new AutomountTokenPolicy(AutomountTokenSettings.defaults());

  private static AdmissionRequest statefulSet(String automount, String namespace) {
    return create(
            yaml(
                "{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: s}, spec: {template:"
                    + " {spec: {"
                    + automount
                    + " containers: [{name: a, image: 'a:1'}]}}}}"))
        .namespace(namespace)
        .build();
  }

  @ParameterizedTest(name = "[{0}] in {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "automountServiceAccountToken: false, | shop        | ''",
        "automountServiceAccountToken: true,  | shop        | spec.template.spec.automountServiceAccountToken: must be false, not true",
        "                                     | shop        | spec.template.spec.automountServiceAccountToken: must be set to false (unset mounts the token)",
        "automountServiceAccountToken: true,  | kube-system | ''"
      })
  void requiresFalseOutsideTheAllowedNamespaces(
      String automount, String namespace, String message) {
    assertThat(policy.evaluate(statefulSet(automount == null ? "" : automount, namespace)))
        .extracting(Violation::message)
        .containsExactlyElementsOf(
            message.isEmpty() ? java.util.List.of() : java.util.List.of(message));
  }
}
