package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The wiring of the cluster's evidence sources in {@code k8s/sources}: the audit policy logs what
 * the detections need at the right level (and secrets at Metadata only), and the audit webhook
 * kubeconfig and Falco's values reach the Services, ports, paths and certificates the manifests
 * define.
 */
class SourcesWiringTest {

  private final JsonNode policy = Yaml.single(Repository.path("k8s/sources/audit-policy.yaml"));
  private final Manifests base = Manifests.of("base");

  @ParameterizedTest(name = "{0} ({1}) {2} {3}/{4} in {5} -> {6}")
  @CsvSource({
    "alice, '', get, '', secrets, shop, Metadata",
    "alice, '', list, '', secrets, shop, Metadata",
    "alice, '', watch, '', secrets, '', Metadata",
    "system:kube-controller-manager, '', list, '', secrets, '', Metadata",
    "system:serviceaccount:ci:deployer, '', create, '', secrets, shop, Metadata",
    "alice, '', create, '', serviceaccounts/token, shop, Metadata",
    "alice, '', create, '', pods/exec, shop, RequestResponse",
    "alice, '', get, '', pods/exec, shop, RequestResponse",
    "alice, '', create, '', pods/attach, shop, RequestResponse",
    "alice, '', create, '', pods/portforward, shop, RequestResponse",
    "alice, '', create, rbac.authorization.k8s.io, clusterrolebindings, '', RequestResponse",
    "alice, '', patch, rbac.authorization.k8s.io, roles, shop, RequestResponse",
    "alice, '', create, '', pods, shop, RequestResponse",
    "alice, '', patch, apps, deployments, shop, RequestResponse",
    "alice, '', create, batch, cronjobs, shop, RequestResponse",
    "alice, '', create, admissionregistration.k8s.io, validatingwebhookconfigurations, '', RequestResponse",
    "alice, '', create, '', configmaps, shop, Request",
    "alice, '', create, '', services, shop, Request",
    "alice, '', create, networking.k8s.io, ingresses, shop, Request",
    "alice, '', create, certificates.k8s.io, certificatesigningrequests, '', Request",
    "alice, '', create, networking.k8s.io, networkpolicies, shop, Metadata",
    "alice, '', get, '', pods, shop, Metadata",
    "alice, '', list, rbac.authorization.k8s.io, clusterroles, '', Metadata",
    "system:serviceaccount:shop:web, system:serviceaccounts:shop, list, '', pods, shop, Metadata",
    "system:kube-controller-manager, '', list, apps, deployments, '', None",
    "system:kube-controller-manager, '', watch, rbac.authorization.k8s.io, roles, '', None",
    "system:kube-proxy, '', watch, '', endpoints, '', None",
    "system:node:node-1, system:nodes, get, '', pods, shop, None",
    "system:node:node-1, system:nodes, patch, '', nodes/status, '', None",
    "system:serviceaccount:kube-system:coredns, system:serviceaccounts:kube-system, watch, '', services, '', None",
    "system:kube-controller-manager, '', update, coordination.k8s.io, leases, kube-system, None",
    "alice, '', create, '', events, shop, None",
  })
  void auditPolicyLogsWhatTheDetectionsNeed(
      String user,
      String group,
      String verb,
      String apiGroup,
      String resource,
      String namespace,
      String level) {
    List<String> groups = group.isEmpty() ? List.of() : List.of(group);
    assertThat(AuditPolicy.levelOf(policy, user, groups, verb, apiGroup, resource, namespace))
        .isEqualTo(level);
  }

  @Test
  void auditPolicySkipsHealthChecksAndTheRequestReceivedStage() {
    assertThat(AuditPolicy.levelOfNonResource(policy, "system:anonymous", "get", "/readyz"))
        .isEqualTo("None");
    assertThat(AuditPolicy.levelOfNonResource(policy, "alice", "get", "/apis"))
        .isEqualTo("Metadata");
    assertThat(policy.path("apiVersion").stringValue("")).isEqualTo("audit.k8s.io/v1");
    assertThat(policy.path("kind").stringValue("")).isEqualTo("Policy");
    assertThat(policy.path("omitStages").toString()).isEqualTo("[\"RequestReceived\"]");
    assertThat(policy.path("rules"))
        .allSatisfy(
            rule ->
                assertThat(rule.path("level").stringValue(""))
                    .isIn("None", "Metadata", "Request", "RequestResponse"));
  }

  @Test
  void auditWebhookReachesTheAuditIngesterWithAClientCertificate() {
    JsonNode kubeconfig = Yaml.single(Repository.path("k8s/sources/audit-webhook-kubeconfig.yaml"));
    JsonNode cluster = kubeconfig.path("clusters").path(0).path("cluster");
    URI server = URI.create(cluster.path("server").stringValue(""));
    JsonNode user = kubeconfig.path("users").path(0).path("user");

    assertThat(kubeconfig.path("kind").stringValue("")).isEqualTo("Config");
    assertThat(server.getScheme()).isEqualTo("https");
    assertThat(server.getHost()).isEqualTo("audit-ingester.palisade.svc");
    assertThat(server.getPort()).isEqualTo(servicePort("audit-ingester"));
    assertThat(server.getPath()).startsWith("/v1/audit");
    assertThat(dnsNames("audit-ingester-tls"))
        .contains(cluster.path("tls-server-name").stringValue(""));
    assertThat(cluster.path("certificate-authority").stringValue("")).isNotEmpty();
    assertThat(user.path("client-certificate").stringValue("")).isNotEmpty();
    assertThat(user.path("client-key").stringValue("")).isNotEmpty();
    assertThat(clientCertificateUsages("apiserver-audit-client")).containsExactly("client auth");
    assertIntakeAcceptsClientCertificates("audit-ingester");
  }

  @Test
  void falcoSendsToTheRuntimeIngesterWithMutualTls() {
    JsonNode values = Yaml.single(Repository.path("k8s/sources/falco-values.yaml"));
    JsonNode http = values.path("falco").path("http_output");
    URI url = URI.create(http.path("url").stringValue(""));
    String mountPath =
        values.path("mounts").path("volumeMounts").path(0).path("mountPath").stringValue("");
    String secret =
        values
            .path("mounts")
            .path("volumes")
            .path(0)
            .path("secret")
            .path("secretName")
            .stringValue("");

    assertThat(http.path("enabled").booleanValue()).isTrue();
    assertThat(values.path("falco").path("json_output").booleanValue()).isTrue();
    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(url.getHost() + ":" + url.getPort())
        .isEqualTo("runtime-ingester.palisade.svc:" + servicePort("runtime-ingester"));
    assertThat(dnsNames("runtime-ingester-tls")).contains(url.getHost());
    assertThat(url.getPath()).isEqualTo("/v1/falco");
    assertThat(http.path("mtls").booleanValue()).isTrue();
    assertThat(http.path("insecure").booleanValue(true)).isFalse();
    for (String file : List.of("ca_cert", "client_cert", "client_key")) {
      assertThat(http.path(file).stringValue("")).as(file).startsWith(mountPath + "/");
    }
    assertThat(secret)
        .isEqualTo(
            base.get("Certificate", "falco-client")
                .path("spec")
                .path("secretName")
                .stringValue(""));
    assertThat(clientCertificateUsages("falco-client")).containsExactly("client auth");
    assertIntakeAcceptsClientCertificates("runtime-ingester");
  }

  @Test
  void webhookIsCalledOverTlsWithAnInjectedCa() {
    JsonNode webhook = base.get("ValidatingWebhookConfiguration", "palisade-admission");
    String certificate =
        webhook
            .path("metadata")
            .path("annotations")
            .path("cert-manager.io/inject-ca-from")
            .stringValue("");

    assertThat(certificate).isEqualTo("palisade/admission-gateway-tls");
    assertThat(base.find("Certificate", "admission-gateway-tls")).isPresent();
    for (JsonNode hook : webhook.path("webhooks")) {
      JsonNode service = hook.path("clientConfig").path("service");
      assertThat(dnsNames("admission-gateway-tls"))
          .contains(
              service.path("name").stringValue("")
                  + "."
                  + service.path("namespace").stringValue("")
                  + ".svc");
      assertThat(servicePort(service.path("name").stringValue("")))
          .isEqualTo(service.path("port").intValue());
      assertThat(service.path("path").stringValue("")).isEqualTo("/validate");
      assertThat(hook.path("sideEffects").stringValue("")).isEqualTo("NoneOnDryRun");
      assertThat(hook.path("timeoutSeconds").intValue()).isBetween(1, 5);
      assertThat(hook.path("admissionReviewVersions").toString()).isEqualTo("[\"v1\"]");
      assertThat(hook.path("namespaceSelector").toString())
          .contains(
              "\"key\":\"kubernetes.io/metadata.name\",\"operator\":\"NotIn\",\"values\":[\"palisade\",\"kube-system\"]");
      boolean podsOrWorkloads =
          hook.path("rules").toString().contains("\"pods\"")
              || hook.path("rules").toString().contains("\"deployments\"");
      assertThat(hook.path("failurePolicy").stringValue(""))
          .isEqualTo(podsOrWorkloads ? "Fail" : "Ignore");
    }
    assertThat(webhook.path("webhooks").toString())
        .contains(
            "\"operations\":[\"CONNECT\"],\"resources\":[\"pods/exec\",\"pods/attach\",\"pods/portforward\"]");
    JsonNode gatewayConfig =
        base.configOf("admission-gateway").path("palisade").path("intake").path("tls");
    assertThat(gatewayConfig.path("certificate").stringValue(""))
        .isEqualTo("/etc/palisade/tls/tls.crt");
  }

  private void assertIntakeAcceptsClientCertificates(String service) {
    JsonNode intake = base.configOf(service).path("palisade").path("intake");
    assertThat(intake.path("tls").path("client-ca").stringValue(""))
        .isEqualTo("/etc/palisade/tls/ca.crt");
    assertThat(intake.path("auth").path("mode").stringValue("")).isEqualTo("client-cert");
    assertThat(
            base.get("Certificate", service + "-tls")
                .path("spec")
                .path("issuerRef")
                .path("name")
                .stringValue(""))
        .isEqualTo("palisade-ca");
  }

  private List<String> clientCertificateUsages(String certificate) {
    JsonNode spec = base.get("Certificate", certificate).path("spec");
    assertThat(spec.path("issuerRef").path("name").stringValue("")).isEqualTo("palisade-ca");
    return StreamSupport.stream(spec.path("usages").spliterator(), false)
        .map(JsonNode::stringValue)
        .toList();
  }

  private List<String> dnsNames(String certificate) {
    return StreamSupport.stream(
            base.get("Certificate", certificate).path("spec").path("dnsNames").spliterator(), false)
        .map(JsonNode::stringValue)
        .toList();
  }

  private int servicePort(String service) {
    return base.get("Service", service).path("spec").path("ports").path(0).path("port").intValue();
  }
}
