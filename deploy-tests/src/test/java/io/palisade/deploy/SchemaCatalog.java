package io.palisade.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of every kind the deployment uses (copied into {@code
 * src/test/resources/schemas}, see its SOURCES.md), chosen by {@code apiVersion} and {@code kind}.
 * A kind without a schema is an error, so that no manifest goes unchecked.
 */
final class SchemaCatalog {

  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("apps/v1 Deployment", "kubernetes/deployment-apps-v1.json"),
          Map.entry("v1 Service", "kubernetes/service-v1.json"),
          Map.entry("v1 ServiceAccount", "kubernetes/serviceaccount-v1.json"),
          Map.entry("v1 ConfigMap", "kubernetes/configmap-v1.json"),
          Map.entry("v1 Namespace", "kubernetes/namespace-v1.json"),
          Map.entry(
              "rbac.authorization.k8s.io/v1 ClusterRole", "kubernetes/clusterrole-rbac-v1.json"),
          Map.entry(
              "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
              "kubernetes/clusterrolebinding-rbac-v1.json"),
          Map.entry(
              "networking.k8s.io/v1 NetworkPolicy", "kubernetes/networkpolicy-networking-v1.json"),
          Map.entry(
              "policy/v1 PodDisruptionBudget", "kubernetes/poddisruptionbudget-policy-v1.json"),
          Map.entry(
              "autoscaling/v2 HorizontalPodAutoscaler",
              "kubernetes/horizontalpodautoscaler-autoscaling-v2.json"),
          Map.entry(
              "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
              "kubernetes/validatingwebhookconfiguration-admissionregistration-v1.json"),
          Map.entry("kafka.strimzi.io/v1beta2 Kafka", "crds/kafka_v1beta2.json"),
          Map.entry("kafka.strimzi.io/v1beta2 KafkaNodePool", "crds/kafkanodepool_v1beta2.json"),
          Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", "crds/kafkatopic_v1beta2.json"),
          Map.entry("kafka.strimzi.io/v1beta2 KafkaUser", "crds/kafkauser_v1beta2.json"),
          Map.entry("cert-manager.io/v1 Certificate", "crds/certificate_v1.json"),
          Map.entry("cert-manager.io/v1 Issuer", "crds/issuer_v1.json"));

  static final String COMPOSE = "compose/compose-spec.json";
  static final String KUSTOMIZATION = "kustomize/kustomization.json";

  private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

  private SchemaCatalog() {}

  /**
   * What is wrong with one Kubernetes object: its kind has no schema, its apiVersion/kind or name
   * are missing, or the schema finds errors. Empty when it is valid.
   */
  static List<String> problemsOf(JsonNode object) {
    String apiVersion = object.path("apiVersion").stringValue("");
    String kind = object.path("kind").stringValue("");
    String name = object.path("metadata").path("name").stringValue("");
    String where = kind + " " + (name.isEmpty() ? "<no name>" : name) + ": ";
    List<String> problems = new ArrayList<>();
    if (name.isEmpty()) {
      problems.add(where + "metadata.name is missing");
    }
    String schema = KINDS.get(apiVersion + " " + kind);
    if (schema == null) {
      problems.add(where + "no schema for apiVersion " + apiVersion + " kind " + kind);
      return problems;
    }
    for (Error error : schema(schema).validate(object)) {
      problems.add(where + error.getInstanceLocation() + " " + error.getMessage());
    }
    return problems;
  }

  /** Validates a document against one of the non-Kubernetes schemas (Compose, Kustomization). */
  static List<String> problemsOf(JsonNode document, String schema) {
    return schema(schema).validate(document).stream()
        .map(error -> error.getInstanceLocation() + " " + error.getMessage())
        .toList();
  }

  private static Schema schema(String resource) {
    return LOADED.computeIfAbsent(resource, SchemaCatalog::load);
  }

  private static Schema load(String resource) {
    JsonNode schema;
    try (InputStream in = SchemaCatalog.class.getResourceAsStream("/schemas/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource /schemas/" + resource);
      }
      schema = Yaml.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The two loading quirks (see SOURCES.md): a "$schema" the validator would try to download and
    // a
    // relative "$id" it refuses. Every $ref in these files is local, so neither is needed.
    ((ObjectNode) schema).remove("$schema");
    ((ObjectNode) schema).remove("$id");
    SpecificationVersion draft =
        resource.startsWith("kubernetes/")
            ? SpecificationVersion.DRAFT_4
            : SpecificationVersion.DRAFT_7;
    return SchemaRegistry.withDefaultDialect(draft).getSchema(schema);
  }
}
