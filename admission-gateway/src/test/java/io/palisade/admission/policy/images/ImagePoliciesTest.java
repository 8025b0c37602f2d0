package io.palisade.admission.policy.images;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.update;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.ShortText;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImagePoliciesTest {

  private static final ImageSettings SETTINGS =
      new ImageSettings(
          List.of("registry.example.com/", "quay.io"),
          Set.of("latest", "dev"),
          List.of("quay.io/debug/toolbox:latest"));

  private static AdmissionRequest pod(String... images) {
    StringBuilder containers = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      containers.append("{name: c").append(i).append(", image: '").append(images[i]).append("'},");
    }
    return create(
            yaml(
                "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: ["
                    + containers
                    + "]}}"))
        .build();
  }

  private static AdmissionRequest deployment(String image) {
    return create(
            yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec:"
                    + " {initContainers: [{name: init, image: 'registry.example.com/init:1'}],"
                    + " containers: [{name: app, image: '"
                    + image
                    + "'}]}}}}"))
        .build();
  }

  @Test
  void registryPolicyNamesEachContainerFromAnotherRegistry() {
    List<Violation> violations =
        new ImageRegistryPolicy(SETTINGS)
            .evaluate(
                pod("registry.example.com/a:1", "nginx:1.27", "quay.io/x/y:2", "ghcr.io/z:1"));

    assertThat(violations)
        .extracting(Violation::fieldPath, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "spec.containers[1].image",
                "spec.containers[1].image: \"nginx:1.27\" is not from an allowed registry"),
            org.assertj.core.groups.Tuple.tuple(
                "spec.containers[3].image",
                "spec.containers[3].image: \"ghcr.io/z:1\" is not from an allowed registry"));
    assertThat(violations).allMatch(Violation::enforced);
    assertThat(violations).extracting(Violation::policy).containsOnly("palisade:image-registry");
  }

  @Test
  void registryPolicyNamesTheTemplatePathOfAWorkload() {
    assertThat(new ImageRegistryPolicy(SETTINGS).evaluate(deployment("docker.io/library/nginx:1")))
        .extracting(Violation::fieldPath)
        .containsExactly("spec.template.spec.containers[0].image");
  }

  @Test
  void registryPolicyAllowsEverythingWhenNoRegistryIsConfigured() {
    assertThat(new ImageRegistryPolicy(ImageSettings.defaults()).evaluate(pod("evil.io/x:1")))
        .isEmpty();
  }

  @Test
  void tagPolicyRefusesLatestOtherDisallowedTagsAndUntaggedImages() {
    assertThat(
            new ImageTagPolicy(SETTINGS)
                .evaluate(pod("nginx:latest", "nginx", "app:dev", "app:1.2", "app@sha256:abc")))
        .extracting(Violation::message)
        .containsExactly(
            "spec.containers[0].image: \"nginx:latest\" uses disallowed tag \"latest\"",
            "spec.containers[1].image: \"nginx\" has no tag; pin a version or a digest",
            "spec.containers[2].image: \"app:dev\" uses disallowed tag \"dev\"");
  }

  @Test
  void tagPolicyDoesNotMistakeARegistryPortForATag() {
    assertThat(new ImageTagPolicy(SETTINGS).evaluate(pod("registry:5000/app")))
        .extracting(Violation::message)
        .containsExactly(
            "spec.containers[0].image: \"registry:5000/app\" has no tag; pin a version or a digest");
  }

  @Test
  void tagAndDigestPoliciesSkipExemptImages() {
    assertThat(new ImageTagPolicy(SETTINGS).evaluate(pod("quay.io/debug/toolbox:latest")))
        .isEmpty();
    assertThat(new ImageDigestPolicy(SETTINGS).evaluate(pod("quay.io/debug/toolbox:latest")))
        .isEmpty();
  }

  @Test
  void digestPolicyRefusesImagesWithoutDigestIncludingInitContainers() {
    assertThat(
            new ImageDigestPolicy(SETTINGS)
                .evaluate(deployment("registry.example.com/app:1@sha256:abc")))
        .extracting(Violation::message)
        .containsExactly(
            "spec.template.spec.initContainers[0].image: \"registry.example.com/init:1\" is not"
                + " pinned by digest");
  }

  @Test
  void checksEphemeralContainersAddedToARunningPod() {
    AdmissionRequest debug =
        update(
                yaml(
                    "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a,"
                        + " image: 'registry.example.com/a:1'}], ephemeralContainers: [{name: dbg,"
                        + " image: busybox}]}}"))
            .subResource("ephemeralcontainers")
            .oldObject(
                yaml(
                    "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a,"
                        + " image: 'registry.example.com/a:1'}]}}"))
            .build();

    assertThat(new ImageTagPolicy(SETTINGS).evaluate(debug))
        .extracting(Violation::fieldPath)
        .containsExactly("spec.ephemeralContainers[0].image");
  }

  @Test
  void keepsMessagesShortForLongImageNames() {
    String longImage = "registry.elsewhere.example.com/" + "x".repeat(200) + ":1";

    assertThat(new ImageRegistryPolicy(SETTINGS).evaluate(pod(longImage)))
        .extracting(Violation::message)
        .allMatch(message -> message.length() <= ShortText.MAX_MESSAGE);
  }

  @Test
  void ignoresObjectsWithoutPods() {
    AdmissionRequest configMap =
        create(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {image: nginx}}"))
            .build();

    assertThat(new ImageTagPolicy(SETTINGS).evaluate(configMap)).isEmpty();
  }
}
