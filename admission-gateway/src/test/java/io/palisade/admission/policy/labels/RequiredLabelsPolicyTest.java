package io.palisade.admission.policy.labels;

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
import tools.jackson.databind.JsonNode;

class RequiredLabelsPolicyTest {

  private static final List<LabelRequirement> LABELS =
      List.of(
          LabelRequirement.key("app.kubernetes.io/name"),
          new LabelRequirement("owner", "[a-z]+-team"));

  private final RequiredLabelsPolicy policy =
      new RequiredLabelsPolicy(
          new RequiredLabelsSettings(LABELS, Set.of("Namespace", "Deployment"), true));

  private static AdmissionRequest deployment(String labels, String templateLabels) {
    return create(
            yaml(
                "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d, labels: "
                    + labels
                    + "}, spec: {template: {metadata: {labels: "
                    + templateLabels
                    + "}, spec: {containers: [{name: a, image: 'a:1'}]}}}}"))
        .build();
  }

  @Test
  void acceptsAWorkloadAndItsTemplateCarryingEveryLabel() {
    String labels = "{app.kubernetes.io/name: web, owner: web-team}";

    assertThat(policy.evaluate(deployment(labels, labels))).isEmpty();
  }

  @Test
  void reportsMissingLabelsAndValuesThatDoNotMatchOnWorkloadAndTemplate() {
    assertThat(
            policy.evaluate(
                deployment("{app.kubernetes.io/name: web, owner: Bob}", "{owner: web-team}")))
        .extracting(Violation::message)
        .containsExactly(
            "metadata.labels[\"owner\"]: \"Bob\" does not match [a-z]+-team",
            "spec.template.metadata.labels: missing required label \"app.kubernetes.io/name\"");
  }

  @Test
  void checksOnlyTheConfiguredKinds() {
    AdmissionRequest configMap =
        create(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}")).build();

    assertThat(policy.evaluate(configMap)).isEmpty();
  }

  @Test
  void canLeavePodTemplatesAlone() {
    RequiredLabelsPolicy ownLabelsOnly =
        new RequiredLabelsPolicy(new RequiredLabelsSettings(LABELS, Set.of("Deployment"), false));

    assertThat(
            ownLabelsOnly.evaluate(
                deployment("{app.kubernetes.io/name: web, owner: web-team}", "{}")))
        .isEmpty();
  }

  @Test
  void aLabelValueMustMatchWhollyNotPartly() {
    AdmissionRequest namespace =
        create(
                yaml(
                    "{apiVersion: v1, kind: Namespace, metadata: {name: n, labels:"
                        + " {app.kubernetes.io/name: n, owner: x-team-2}}}"))
            .build();

    assertThat(policy.evaluate(namespace))
        .extracting(Violation::fieldPath)
        .containsExactly("metadata.labels[\"owner\"]");
  }

  @Test
  void refusesAnInvalidPatternNamingTheLabel() {
    assertThatThrownBy(() -> new LabelRequirement("owner", "(unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required label \"owner\"");
  }

  @Test
  void anUpdateIsOnlyCheckedWhenItChangesTheLabels() {
    String namespace = "{apiVersion: v1, kind: Namespace, metadata: {name: legacy, labels: %s}}";
    JsonNode unlabelled = yaml(namespace.formatted("{team: a}"));

    assertThat(
            policy.evaluate(
                update(yaml(namespace.formatted("{team: a}"))).oldObject(unlabelled).build()))
        .isEmpty();
    assertThat(
            policy.evaluate(
                update(yaml(namespace.formatted("{team: b}"))).oldObject(unlabelled).build()))
        .hasSize(2);
  }

  @Test
  void anUpdateThatFinalizesADeletionIsNotChecked() {
    AdmissionRequest finalizing =
        update(
                yaml(
                    "{apiVersion: v1, kind: Namespace, metadata: {name: n, deletionTimestamp:"
                        + " '2026-11-28T10:00:00Z'}}"))
            .build();

    assertThat(policy.evaluate(finalizing)).isEmpty();
  }
}
