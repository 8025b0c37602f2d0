package io.palisade.admission.policy.workload;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.update;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.review.AdmissionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class WorkloadPodTest {

  private static JsonNode deployment(int replicas, String image, String extraMetadata) {
    return yaml(
        "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d"
            + extraMetadata
            + "}, spec: {replicas: "
            + replicas
            + ", template: {metadata: {labels: {app: d}}, spec: {initContainers: [{name: i, image:"
            + " 'i:1'}], containers: [{name: a, image: '"
            + image
            + "'}]}}}}");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "v1, Pod, '', spec.containers[0]",
    "batch/v1, Job, 'template: {spec: {containers: [{name: a, image: x}]}}', spec.template.spec.containers[0]",
    "batch/v1, CronJob, 'jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: x}]}}}}',"
        + " spec.jobTemplate.spec.template.spec.containers[0]",
    "apps/v1, DaemonSet, 'template: {spec: {containers: [{name: a, image: x}]}}', spec.template.spec.containers[0]"
  })
  void namesEachContainerByItsPathInTheObject(
      String apiVersion, String kind, String spec, String path) {
    String object =
        kind.equals("Pod")
            ? "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: x}]}}"
            : "{apiVersion: "
                + apiVersion
                + ", kind: "
                + kind
                + ", metadata: {name: w}, spec: {"
                + spec
                + "}}";

    assertThat(WorkloadPod.in(create(yaml(object)).build()).orElseThrow().containers())
        .extracting(WorkloadPod.Container::path)
        .containsExactly(path);
  }

  @Test
  void podTemplatesHaveTheirOwnPrefix() {
    AdmissionRequest podTemplate =
        create(
                yaml(
                    "{apiVersion: v1, kind: PodTemplate, metadata: {name: t}, template: {spec:"
                        + " {containers: [{name: a, image: x}]}}}"))
            .build();

    assertThat(WorkloadPod.in(podTemplate).orElseThrow().specPath()).isEqualTo("template.spec");
  }

  @Test
  void listsInitRegularThenEphemeralContainers() {
    assertThat(WorkloadPod.in(create(deployment(1, "a:1", "")).build()).orElseThrow().containers())
        .extracting(WorkloadPod.Container::path)
        .containsExactly(
            "spec.template.spec.initContainers[0]", "spec.template.spec.containers[0]");
  }

  @Test
  void aWorkloadUpdateThatLeavesTheTemplateAloneHasNothingToCheck() {
    AdmissionRequest scaled =
        update(deployment(5, "a:1", "")).oldObject(deployment(1, "a:1", "")).build();

    assertThat(WorkloadPod.in(scaled)).isEmpty();
  }

  @Test
  void aWorkloadUpdateThatChangesTheTemplateIsChecked() {
    AdmissionRequest rollout =
        update(deployment(1, "a:2", "")).oldObject(deployment(1, "a:1", "")).build();

    assertThat(WorkloadPod.in(rollout)).isPresent();
  }

  @Test
  void anUpdateThatFinalizesADeletionIsNotChecked() {
    AdmissionRequest finalizing =
        update(deployment(1, "a:2", ", deletionTimestamp: '2026-11-28T10:00:00Z'"))
            .oldObject(deployment(1, "a:1", ""))
            .build();

    assertThat(WorkloadPod.in(finalizing)).isEmpty();
  }
}
