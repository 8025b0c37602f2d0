package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-service objects of every rendered kustomization: a Deployment whose pod meets the
 * restricted Pod Security Standard field by field (the gateway's own PSS engine judges it too, in
 * {@link AdmittedByOwnPoliciesTest}), probes on the actuator port the service really serves it on,
 * resources, spread, Service, ServiceAccount, PodDisruptionBudget, HorizontalPodAutoscaler for the
 * stateless HTTP services, and RBAC for the gateway only.
 */
class WorkloadsTest {

  static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;
  private static final Set<String> AUTOSCALED =
      Set.of("admission-gateway", "audit-ingester", "runtime-ingester");

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void everyServiceHasItsObjects(String kustomization) {
    Manifests manifests = Manifests.of(kustomization);
    for (PalisadeService service : PalisadeService.ALL) {
      String name = service.name();
      ObjectNode deployment = manifests.get("Deployment", name);
      JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
      JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");

      assertThat(matches(selector, podLabels)).as(name + " selector").isTrue();
      assertThat(manifests.get("Service", name).path("spec").path("selector")).isEqualTo(selector);
      assertThat(
              manifests
                  .get("PodDisruptionBudget", name)
                  .path("spec")
                  .path("selector")
                  .path("matchLabels"))
          .isEqualTo(selector);
      assertThat(pod(deployment).path("serviceAccountName").stringValue("")).isEqualTo(name);
      assertThat(manifests.find("ServiceAccount", name)).isPresent();
      assertThat(manifests.find("HorizontalPodAutoscaler", name).isPresent())
          .as(name + " autoscaled")
          .isEqualTo(AUTOSCALED.contains(name));
      manifests
          .find("HorizontalPodAutoscaler", name)
          .ifPresent(
              hpa -> {
                assertThat(hpa.path("spec").path("scaleTargetRef").path("name").stringValue(""))
                    .isEqualTo(name);
                assertThat(hpa.path("spec").path("minReplicas").intValue()).isPositive();
              });
      for (JsonNode constraint : pod(deployment).path("topologySpreadConstraints")) {
        assertThat(constraint.path("labelSelector").path("matchLabels")).isEqualTo(selector);
      }
      assertThat(pod(deployment).path("topologySpreadConstraints")).hasSize(2);
    }
  }

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void everyPodMeetsTheRestrictedStandard(String kustomization) {
    for (ObjectNode deployment : Manifests.of(kustomization).ofKind("Deployment")) {
      JsonNode pod = pod(deployment);
      String name = Manifests.name(deployment);
      assertThat(pod.path("securityContext").path("runAsNonRoot").booleanValue()).as(name).isTrue();
      assertThat(pod.path("securityContext").path("seccompProfile").path("type").stringValue(""))
          .isEqualTo("RuntimeDefault");
      assertThat(pod.path("automountServiceAccountToken").booleanValue(true)).as(name).isFalse();
      assertThat(pod.path("hostNetwork").booleanValue(false)).isFalse();
      assertThat(pod.path("volumes"))
          .allSatisfy(volume -> assertThat(volume.has("hostPath")).as(name).isFalse());
      for (JsonNode container : pod.path("containers")) {
        JsonNode security = container.path("securityContext");
        assertThat(security.path("allowPrivilegeEscalation").booleanValue(true)).as(name).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").booleanValue()).as(name).isTrue();
        assertThat(security.path("privileged").booleanValue(false)).isFalse();
        assertThat(security.path("runAsUser").intValue()).isGreaterThan(0);
        assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(security.path("capabilities").has("add")).isFalse();
        assertThat(container.path("resources").path("requests").has("cpu")).isTrue();
        assertThat(container.path("resources").path("requests").has("memory")).isTrue();
        assertThat(container.path("resources").path("limits").has("memory")).isTrue();
        assertThat(mountPaths(container)).as(name + " writable /tmp").contains("/tmp");
      }
    }
  }

  /** Probes and metrics hit the port the service serves its actuator on, given its own config. */
  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void probesUseTheActuatorPortOfTheServicesConfiguration(String kustomization) {
    Manifests manifests = Manifests.of(kustomization);
    for (PalisadeService service : PalisadeService.ALL) {
      ObjectNode deployment = manifests.get("Deployment", service.name());
      JsonNode container = pod(deployment).path("containers").path(0);
      JsonNode config = manifests.configOf(service.name());
      JsonNode tls = config.path("palisade").path("intake").path("tls");
      boolean tlsOn = tls.has("certificate") && tls.path("enabled").booleanValue(true);
      int management = service.managementPort(tlsOn, tls.path("management-port"));

      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        JsonNode get = container.path(probe).path("httpGet");
        assertThat(portNumber(container, get.path("port")))
            .as(service.name() + " " + probe)
            .isEqualTo(management);
        assertThat(get.path("path").stringValue(""))
            .isEqualTo(
                probe.equals("readinessProbe")
                    ? "/actuator/health/readiness"
                    : "/actuator/health/liveness");
      }
      assertThat(portNumber(container, container.path("ports").path(0).path("name")))
          .as(service.name() + " serving port")
          .isEqualTo(service.serverPort());
      assertThat(
              deployment
                  .path("spec")
                  .path("template")
                  .path("metadata")
                  .path("annotations")
                  .path("prometheus.io/port")
                  .stringValue(""))
          .isEqualTo(String.valueOf(management));
      JsonNode servicePort =
          manifests.get("Service", service.name()).path("spec").path("ports").path(0);
      assertThat(portNumber(container, servicePort.path("targetPort")))
          .isEqualTo(service.serverPort());
    }
  }

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void mountedConfigurationUsesOnlyKeysTheServicesKnow(String kustomization) {
    Manifests manifests = Manifests.of(kustomization);
    List<String> unknown = new ArrayList<>();
    for (PalisadeService service : PalisadeService.ALL) {
      PalisadeService.flatten(manifests.configOf(service.name())).keySet().stream()
          .filter(key -> key.startsWith("palisade."))
          .filter(key -> !service.knowsProperty(key))
          .forEach(key -> unknown.add(service.name() + ": " + key));
      JsonNode container =
          pod(manifests.get("Deployment", service.name())).path("containers").path(0);
      for (JsonNode env : container.path("env")) {
        String variable = env.path("name").stringValue("");
        if (variable.startsWith("PALISADE_") && !service.knowsEnvironmentVariable(variable)) {
          unknown.add(service.name() + ": " + variable);
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void theStreamsStateDirectoryIsAVolume() {
    Manifests manifests = Manifests.of("base");
    String stateDir =
        manifests
            .configOf("correlation-engine")
            .path("palisade")
            .path("streams")
            .path("state-dir")
            .stringValue("");
    JsonNode container =
        pod(manifests.get("Deployment", "correlation-engine")).path("containers").path(0);

    assertThat(stateDir).isNotEmpty();
    assertThat(mountPaths(container)).contains(stateDir);
  }

  @Test
  void onlyTheGatewayHasRbacAndOnlyToReadNamespaces() {
    Manifests manifests = Manifests.of("base");
    assertThat(manifests.ofKind("ClusterRole")).hasSize(1);
    assertThat(manifests.ofKind("Role")).isEmpty();
    ObjectNode role = manifests.ofKind("ClusterRole").get(0);
    assertThat(role.path("rules").toString())
        .isEqualTo(
            "[{\"apiGroups\":[\"\"],\"resources\":[\"namespaces\"],\"verbs\":[\"get\",\"list\",\"watch\"]}]");
    ObjectNode binding = manifests.ofKind("ClusterRoleBinding").get(0);
    assertThat(manifests.ofKind("ClusterRoleBinding")).hasSize(1);
    assertThat(binding.path("roleRef").path("name").stringValue(""))
        .isEqualTo(Manifests.name(role));
    assertThat(binding.path("subjects").toString())
        .isEqualTo(
            "[{\"kind\":\"ServiceAccount\",\"name\":\"admission-gateway\",\"namespace\":\"palisade\"}]");
  }

  @Test
  void devRunsOneReplicaAndProdSpreadsThem() {
    for (ObjectNode deployment : Manifests.of("overlays/dev").ofKind("Deployment")) {
      assertThat(deployment.path("spec").path("replicas").intValue()).isEqualTo(1);
    }
    for (ObjectNode deployment : Manifests.of("overlays/prod").ofKind("Deployment")) {
      assertThat(deployment.path("spec").path("replicas").intValue()).isGreaterThanOrEqualTo(2);
    }
    assertThat(
            Manifests.of("overlays/prod")
                .get("Deployment", "correlation-engine")
                .path("spec")
                .path("replicas")
                .intValue())
        .isEqualTo(3);
  }

  static JsonNode pod(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec");
  }

  private static List<String> mountPaths(JsonNode container) {
    return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
        .map(mount -> mount.path("mountPath").stringValue(""))
        .toList();
  }

  /** A port given by number or by the name of a container port. */
  private static int portNumber(JsonNode container, JsonNode port) {
    if (port.isInt()) {
      return port.intValue();
    }
    for (JsonNode declared : container.path("ports")) {
      if (declared.path("name").stringValue("").equals(port.stringValue(""))) {
        return declared.path("containerPort").intValue();
      }
    }
    throw new AssertionError("no container port named " + port);
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    for (Map.Entry<String, JsonNode> label : selector.properties()) {
      if (!label.getValue().equals(labels.path(label.getKey()))) {
        return false;
      }
    }
    return !selector.isEmpty();
  }
}
