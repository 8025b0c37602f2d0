package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.deploy.NetworkPolicies.Peer;
import io.palisade.deploy.NetworkPolicies.Pod;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The network policies of Palisade's namespace, evaluated: everything is denied except the paths
 * the deployment needs, on the ports the services and Kafka really use.
 */
class NetworkPoliciesTest {

  private static final String API_SERVER = "172.18.0.2";
  private static final String INTERNET = "93.184.216.34";
  private static final String PRIVATE_HOST = "10.20.30.40";

  private final Manifests base = Manifests.of("base");
  private final NetworkPolicies policies =
      new NetworkPolicies(base.ofKind("NetworkPolicy"), "palisade");
  private final int kafkaPort =
      base.get("Kafka", "palisade")
          .path("spec")
          .path("kafka")
          .path("listeners")
          .path(0)
          .path("port")
          .intValue();

  @Test
  void everythingIsDeniedByDefault() {
    Pod stranger = pod("shop", Map.of("app", "web"));
    Pod unknown = pod("palisade", Map.of("app", "debug"));

    for (PalisadeService service : PalisadeService.ALL) {
      assertThat(
              policies.allowsIngress(
                  Peer.of(stranger), service(service.name()), servingPort(service.name())))
          .as(service.name() + " from another namespace")
          .isFalse();
    }
    assertThat(policies.allowsEgress(unknown, Peer.address(INTERNET), 443)).isFalse();
    assertThat(policies.allowsIngress(Peer.of(stranger), unknown, 8080)).isFalse();
  }

  @Test
  void theApiServerReachesTheWebhooks() {
    assertThat(
            policies.allowsIngress(
                Peer.address(API_SERVER),
                service("admission-gateway"),
                servingPort("admission-gateway")))
        .isTrue();
    assertThat(
            policies.allowsIngress(
                Peer.address(API_SERVER), service("audit-ingester"), servingPort("audit-ingester")))
        .isTrue();
    assertThat(
            policies.allowsIngress(
                Peer.address(API_SERVER),
                service("runtime-ingester"),
                servingPort("runtime-ingester")))
        .isFalse();
    assertThat(
            policies.allowsIngress(Peer.address(API_SERVER), service("correlation-engine"), 8083))
        .isFalse();
  }

  @Test
  void onlyFalcosNamespaceReachesTheRuntimeIngester() {
    Pod falco = pod("falco", Map.of("app.kubernetes.io/name", "falco"));

    assertThat(
            policies.allowsIngress(
                Peer.of(falco), service("runtime-ingester"), servingPort("runtime-ingester")))
        .isTrue();
    assertThat(
            policies.allowsIngress(
                Peer.of(falco), service("audit-ingester"), servingPort("audit-ingester")))
        .isFalse();
    assertThat(policies.allowsIngress(Peer.of(falco), service("correlation-engine"), 8083))
        .isFalse();
  }

  @Test
  void prometheusScrapesEveryManagementPort() {
    Pod prometheus = pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    for (PalisadeService service : PalisadeService.ALL) {
      int management =
          Integer.parseInt(
              base.get("Deployment", service.name())
                  .path("spec")
                  .path("template")
                  .path("metadata")
                  .path("annotations")
                  .path("prometheus.io/port")
                  .stringValue(""));
      assertThat(policies.allowsIngress(Peer.of(prometheus), service(service.name()), management))
          .as(service.name())
          .isTrue();
    }
  }

  @Test
  void everyServiceReachesKafkaAndDns() {
    Pod broker =
        pod(
            "palisade",
            Map.of(
                "strimzi.io/cluster",
                "palisade",
                "strimzi.io/kind",
                "Kafka",
                "strimzi.io/broker-role",
                "true"));
    Pod dns = pod("kube-system", Map.of("k8s-app", "kube-dns"));
    for (PalisadeService service : PalisadeService.ALL) {
      Pod pod = service(service.name());
      assertThat(policies.allowsEgress(pod, Peer.of(broker), kafkaPort))
          .as(service.name())
          .isTrue();
      assertThat(policies.allowsIngress(Peer.of(pod), broker, kafkaPort))
          .as(service.name())
          .isTrue();
      assertThat(policies.allowsEgress(pod, Peer.of(dns), 53)).isTrue();
      assertThat(policies.allowsEgress(pod, Peer.of(broker), 9092)).isFalse();
    }
  }

  @Test
  void onlyTheNotifierReachesTheInternetAndOnlyOnHttps() {
    Pod notifier = service("alert-notifier");

    assertThat(policies.allowsEgress(notifier, Peer.address(INTERNET), 443)).isTrue();
    assertThat(policies.allowsEgress(notifier, Peer.address(INTERNET), 80)).isFalse();
    assertThat(policies.allowsEgress(notifier, Peer.address(PRIVATE_HOST), 443)).isFalse();
    for (String other : new String[] {"audit-ingester", "runtime-ingester", "correlation-engine"}) {
      assertThat(policies.allowsEgress(service(other), Peer.address(INTERNET), 443))
          .as(other)
          .isFalse();
    }
  }

  @Test
  void theGatewayAndTheEntityOperatorReachTheApiServer() {
    Pod entityOperator =
        pod(
            "palisade",
            Map.of(
                "strimzi.io/cluster", "palisade", "strimzi.io/name", "palisade-entity-operator"));

    assertThat(policies.allowsEgress(service("admission-gateway"), Peer.address(API_SERVER), 6443))
        .isTrue();
    assertThat(policies.allowsEgress(entityOperator, Peer.address(API_SERVER), 6443)).isTrue();
    assertThat(policies.allowsEgress(service("audit-ingester"), Peer.address(API_SERVER), 6443))
        .isFalse();
  }

  private Pod service(String name) {
    JsonNode labels =
        base.get("Deployment", name).path("spec").path("template").path("metadata").path("labels");
    Map<String, String> values = new HashMap<>();
    labels
        .properties()
        .forEach(label -> values.put(label.getKey(), label.getValue().stringValue("")));
    return pod("palisade", values);
  }

  private int servingPort(String name) {
    return base.get("Deployment", name)
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .path(0)
        .path("ports")
        .path(0)
        .path("containerPort")
        .intValue();
  }

  private static Pod pod(String namespace, Map<String, String> labels) {
    return new Pod(namespace, Map.of("kubernetes.io/metadata.name", namespace), labels);
  }
}
