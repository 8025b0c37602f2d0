package io.palisade.admission.policy.services;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceTypePolicyTest {

  private final ServiceTypePolicy policy =
      new ServiceTypePolicy(new ServiceTypeSettings(Set.of("ingress")));

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ClusterIP    | shop    | ''",
        "''           | shop    | ''",
        "ExternalName | shop    | ''",
        "NodePort     | shop    | spec.type: NodePort services are not allowed",
        "NodePort     | ingress | spec.type: NodePort services are not allowed",
        "LoadBalancer | ingress | ''",
        "LoadBalancer | shop    | spec.type: LoadBalancer is not allowed in namespace \"shop\""
      })
  void refusesNodePortAndLoadBalancerOutsideAllowedNamespaces(
      String type, String namespace, String message) {
    var service =
        create(
                yaml(
                    "{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {type: '"
                        + type
                        + "', ports: [{port: 80}]}}"))
            .namespace(namespace)
            .build();

    assertThat(policy.evaluate(service))
        .extracting(Violation::message)
        .containsExactlyElementsOf(message.isEmpty() ? List.of() : List.of(message));
  }
}
