package io.palisade.audit.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseFilterTest {

  private final NoiseFilter defaults =
      new NoiseFilter(DefaultFilters.named(DefaultFilters.names()));

  @ParameterizedTest
  @CsvSource({
    "system:kube-controller-manager, update, kube-system",
    "system:kube-scheduler, get, kube-system",
    "system:node:worker-3, update, kube-node-lease"
  })
  void dropsLeaseRenewalsOfTheControlPlaneAndTheNodes(String user, String verb, String ns) {
    AuditEvent renewal =
        event(
            user,
            List.of(),
            verb,
            ref("leases", null, ns, "x"),
            "/apis/coordination.k8s.io/v1/namespaces/" + ns + "/leases/x");

    assertThat(defaults.drops(renewal)).contains("lease-renewals");
  }

  @Test
  void keepsLeaseChangesByAnyoneElseOrWithOtherVerbsOrElsewhere() {
    assertThat(
            defaults.drops(
                event("alice", List.of(), "update", ref("leases", null, "kube-system", "x"), "/")))
        .isEmpty();
    assertThat(
            defaults.drops(
                event(
                    "system:kube-scheduler",
                    List.of(),
                    "delete",
                    ref("leases", null, "kube-system", "x"),
                    "/")))
        .isEmpty();
    assertThat(
            defaults.drops(
                event(
                    "system:kube-scheduler",
                    List.of(),
                    "update",
                    ref("leases", null, "shop", "x"),
                    "/")))
        .isEmpty();
    assertThat(
            defaults.drops(
                event(
                    "system:kube-scheduler",
                    List.of(),
                    "update",
                    ref("configmaps", null, "kube-system", "x"),
                    "/")))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "/healthz, true",
    "/livez?verbose, true",
    "/readyz/etcd, true",
    "/readyzz, false",
    "/version, false",
    "/metrics, false"
  })
  void dropsHealthChecksOfTheApiServerOnly(String uri, boolean dropped) {
    AuditEvent probe =
        event("system:anonymous", List.of("system:unauthenticated"), "get", null, uri);

    assertThat(defaults.drops(probe).isPresent()).isEqualTo(dropped);
  }

  @Test
  void keepsAResourceRequestWhoseUriLooksLikeAHealthCheck() {
    AuditEvent pods =
        event("alice", List.of(), "get", ref("pods", null, "healthz", "x"), "/healthz");

    assertThat(defaults.drops(pods)).isEmpty();
  }

  @Test
  void dropsKubeProxyWatchesButKeepsItsOtherRequests() {
    assertThat(
            defaults.drops(
                event(
                    "system:kube-proxy",
                    List.of(),
                    "watch",
                    ref("endpointslices", null, null, null),
                    "/")))
        .contains("kube-proxy-watches");
    assertThat(
            defaults.drops(
                event(
                    "system:kube-proxy",
                    List.of(),
                    "create",
                    ref("pods", "exec", "kube-system", "p"),
                    "/")))
        .isEmpty();
  }

  @Test
  void matchesResourcesAndSubresourcesAsAnAuditPolicyDoes() {
    NoiseFilter filter =
        new NoiseFilter(
            List.of(
                rule("logs", List.of(), List.of(), List.of("pods/log"), List.of()),
                rule(
                    "all-of-deployments",
                    List.of(),
                    List.of(),
                    List.of("deployments/*"),
                    List.of())));

    assertThat(filter.drops(event("a", List.of(), "get", ref("pods", "log", "ns", "p"), "/")))
        .contains("logs");
    assertThat(filter.drops(event("a", List.of(), "get", ref("pods", null, "ns", "p"), "/")))
        .isEmpty();
    assertThat(filter.drops(event("a", List.of(), "get", ref("pods", "exec", "ns", "p"), "/")))
        .isEmpty();
    assertThat(
            filter.drops(
                event("a", List.of(), "update", ref("deployments", "scale", "ns", "d"), "/")))
        .contains("all-of-deployments");
    assertThat(
            filter.drops(event("a", List.of(), "update", ref("deployments", null, "ns", "d"), "/")))
        .isEmpty();
  }

  @Test
  void matchesAnyOfTheUsersGroupsWithGlobs() {
    NoiseFilter filter =
        new NoiseFilter(
            List.of(
                rule(
                    "monitoring",
                    List.of(),
                    List.of("system:serviceaccounts:monitoring*"),
                    List.of(),
                    List.of("list", "watch"))));

    assertThat(
            filter.drops(
                event(
                    "system:serviceaccount:monitoring:prometheus",
                    List.of("system:authenticated", "system:serviceaccounts:monitoring"),
                    "list",
                    ref("pods", null, null, null),
                    "/")))
        .contains("monitoring");
    assertThat(
            filter.drops(
                event(
                    "system:serviceaccount:monitoring:prometheus",
                    List.of("system:serviceaccounts:monitoring"),
                    "delete",
                    ref("pods", null, "a", "b"),
                    "/")))
        .isEmpty();
  }

  @Test
  void filtersByStageAndReportsTheFirstMatchingRule() {
    NoiseFilter filter =
        new NoiseFilter(
            List.of(
                new FilterRule(
                    "received", null, null, null, null, null, null, List.of("RequestReceived")),
                new FilterRule("alice", List.of("alice"), null, null, null, null, null, null)));
    AuditEvent received = event("alice", List.of(), "get", null, "/api");
    received.setStage("RequestReceived");

    assertThat(filter.drops(received)).contains("received");
    assertThat(filter.drops(event("alice", List.of(), "get", null, "/api"))).contains("alice");
  }

  @Test
  void refusesARuleWithoutCriteriaBecauseItWouldDropEverything() {
    assertThatThrownBy(() -> new FilterRule("all", null, null, null, null, null, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'all' sets no criterion");
    assertThatThrownBy(() -> new FilterRule(" ", List.of("a"), null, null, null, null, null, null))
        .hasMessageContaining("needs a name");
  }

  @Test
  void refusesTwoRulesOfTheSameName() {
    FilterRule rule = rule("same", List.of("a"), List.of(), List.of(), List.of());

    assertThatThrownBy(() -> new NoiseFilter(List.of(rule, rule)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'same'");
  }

  @Test
  void knowsItsDefaultRulesByName() {
    assertThat(DefaultFilters.names())
        .containsExactly("lease-renewals", "health-checks", "kube-proxy-watches");
    assertThat(DefaultFilters.named(List.of("health-checks")))
        .containsExactly(DefaultFilters.HEALTH_CHECKS);
    assertThatThrownBy(() -> DefaultFilters.named(List.of("leases")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'leases' is not a default noise filter");
  }

  @ParameterizedTest
  @CsvSource({
    "system:node:*, system:node:a, true",
    "system:node:*, system:nodes, false",
    "*, anything, true",
    "a*c*e, abcde, true",
    "a*c*e, abcdef, false",
    "ab*ab, ab, false",
    "exact, exact, true",
    "exact, exactly, false"
  })
  void matchesGlobs(String pattern, String text, boolean matches) {
    assertThat(Glob.matches(pattern, text)).isEqualTo(matches);
  }

  private static FilterRule rule(
      String name,
      List<String> users,
      List<String> groups,
      List<String> resources,
      List<String> verbs) {
    return new FilterRule(name, users, groups, verbs, resources, null, null, null);
  }

  private static ObjectReference ref(
      String resource, String subresource, String namespace, String name) {
    return ObjectReference.newBuilder()
        .setResource(resource)
        .setSubresource(subresource)
        .setNamespace(namespace)
        .setName(name)
        .build();
  }

  private static AuditEvent event(
      String user, List<String> groups, String verb, ObjectReference ref, String uri) {
    return AuditEvent.newBuilder()
        .setId("a/ResponseComplete")
        .setCluster("c")
        .setEventTime(Instant.EPOCH)
        .setIngestTime(Instant.EPOCH)
        .setAuditId("a")
        .setStage("ResponseComplete")
        .setVerb(verb)
        .setRequestUri(uri)
        .setUser(
            UserInfo.newBuilder().setUsername(user).setGroups(groups).setExtra(Map.of()).build())
        .setObjectRef(ref)
        .setIntakeFormat("webhook")
        .build();
  }
}
