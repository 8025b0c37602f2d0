package io.palisade.admission.policy.resources;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerResourcesPolicyTest {

  private final ContainerResourcesPolicy defaults =
      new ContainerResourcesPolicy(ContainerResourcesSettings.defaults());

  private static AdmissionRequest cronJob(String resources) {
    return create(
            yaml(
                "{apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {jobTemplate:"
                    + " {spec: {template: {spec: {containers: [{name: app, image: 'a:1',"
                    + " resources: "
                    + resources
                    + "}]}}}}}}"))
        .build();
  }

  @Test
  void listsEveryMissingRequestAndLimitAtTheContainersResourcesPath() {
    assertThat(defaults.evaluate(cronJob("{requests: {cpu: 100m}, limits: {memory: 1Gi}}")))
        .extracting(Violation::fieldPath, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "spec.jobTemplate.spec.template.spec.containers[0].resources",
                "spec.jobTemplate.spec.template.spec.containers[0].resources: missing limits.cpu,"
                    + " requests.memory"));
  }

  @Test
  void acceptsAContainerWithEverythingSetIncludingNumericQuantities() {
    assertThat(
            defaults.evaluate(
                cronJob("{requests: {cpu: 1, memory: 1Gi}, limits: {cpu: '2', memory: 2Gi}}")))
        .isEmpty();
  }

  @Test
  void checksInitContainersButNotEphemeralOnesWhichCannotHaveResources() {
    AdmissionRequest pod =
        create(
                yaml(
                    "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {initContainers: [{name:"
                        + " init, image: 'a:1'}], containers: [{name: app, image: 'a:1', resources:"
                        + " {requests: {cpu: 1, memory: 1Gi}, limits: {cpu: 1, memory: 1Gi}}}],"
                        + " ephemeralContainers: [{name: dbg, image: 'busybox:1'}]}}"))
            .build();

    assertThat(defaults.evaluate(pod))
        .extracting(Violation::fieldPath)
        .containsExactly("spec.initContainers[0].resources");
  }

  @Test
  void checksOnlyTheConfiguredResources() {
    ContainerResourcesPolicy memoryLimitOnly =
        new ContainerResourcesPolicy(new ContainerResourcesSettings(Set.of(), Set.of("memory")));

    assertThat(memoryLimitOnly.evaluate(cronJob("{limits: {memory: 1Gi}}"))).isEmpty();
    assertThat(memoryLimitOnly.evaluate(cronJob("{}")))
        .extracting(Violation::message)
        .containsExactly(
            "spec.jobTemplate.spec.template.spec.containers[0].resources: missing limits.memory");
  }

  @Test
  void refusesAmountsAboveTheConfiguredMaximaComparingAcrossUnits() {
    ContainerResourcesPolicy capped =
        new ContainerResourcesPolicy(
            new ContainerResourcesSettings(
                Set.of(),
                Set.of("memory"),
                java.util.Map.of("cpu", "1"),
                java.util.Map.of("memory", "1Gi")));

    assertThat(capped.evaluate(cronJob("{requests: {cpu: 1000m}, limits: {memory: 1024Mi}}")))
        .isEmpty();
    assertThat(capped.evaluate(cronJob("{requests: {cpu: 1001m}, limits: {memory: 1.5Gi}}")))
        .extracting(Violation::message)
        .containsExactly(
            "spec.jobTemplate.spec.template.spec.containers[0].resources: limits.memory 1.5Gi > 1Gi;"
                + " requests.cpu 1001m > 1");
  }
}
