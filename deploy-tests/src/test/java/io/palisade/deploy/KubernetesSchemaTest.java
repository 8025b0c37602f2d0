package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every object of the base and of each overlay, as the overlay renders it (see {@link Kustomize}:
 * patches are applied, not validated alone, because a patch is a fragment that the strict schemas
 * rightly refuse), validates against the schema of its apiVersion and kind, and every
 * kustomization.yaml against the Kustomization schema.
 */
class KubernetesSchemaTest {

  static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void everyRenderedObjectMatchesItsSchema(String kustomization) {
    List<ObjectNode> objects = Manifests.of(kustomization).all();
    List<String> problems = new ArrayList<>();
    objects.forEach(object -> problems.addAll(SchemaCatalog.problemsOf(object)));

    assertThat(objects).hasSizeGreaterThan(40);
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void kustomizationMatchesTheKustomizeSchema(String kustomization) {
    var file = Kustomize.kustomizationFile(Repository.path("k8s/" + kustomization));

    assertThat(SchemaCatalog.problemsOf(Yaml.single(file), SchemaCatalog.KUSTOMIZATION)).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void namespacedObjectsLandInPalisadesNamespace(String kustomization) {
    for (ObjectNode object : Manifests.of(kustomization).all()) {
      String kind = object.path("kind").stringValue("");
      String namespace = object.path("metadata").path("namespace").stringValue("");
      if (List.of(
              "Namespace", "ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration")
          .contains(kind)) {
        assertThat(namespace).as(kind + " " + Manifests.name(object)).isEmpty();
      } else {
        assertThat(namespace).as(kind + " " + Manifests.name(object)).isEqualTo("palisade");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theValidatorRejectsWhatTheStrictSchemasForbid() {
    ObjectNode deployment = Manifests.of("base").get("Deployment", "audit-ingester").deepCopy();
    ((ObjectNode) deployment.path("spec")).put("replicaz", 2);
    ObjectNode user = Manifests.of("base").get("KafkaUser", "audit-ingester").deepCopy();
    ((ObjectNode) user.path("spec").path("authentication")).put("type", "password");
    ObjectNode unknownKind = deployment.deepCopy().put("kind", "Deploymnt");

    assertThat(SchemaCatalog.problemsOf(deployment)).anyMatch(p -> p.contains("replicaz"));
    assertThat(SchemaCatalog.problemsOf(user)).isNotEmpty();
    assertThat(SchemaCatalog.problemsOf(unknownKind)).anyMatch(p -> p.contains("no schema"));
  }
}
