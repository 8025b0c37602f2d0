package io.palisade.admission.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Against the fabric8 mock API server in CRUD mode (it stores objects and serves list and watch).
 * Waits on the informer's own change events; the poll bounds only stop a broken test from hanging.
 */
@EnableKubernetesMockClient(crud = true)
class InformerNamespaceLabelsTest {

  private static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  private static final long BOUND_SECONDS = 30;

  KubernetesClient client;

  private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();

  private static Namespace namespace(String name, Map<String, String> labels) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  private InformerNamespaceLabels started() throws Exception {
    InformerNamespaceLabels labels =
        new InformerNamespaceLabels(client, Duration.ZERO, Duration.ofSeconds(5), changes::add);
    labels.start().toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
    return labels;
  }

  private String nextChange() throws InterruptedException {
    return changes.poll(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void listsExistingNamespacesWhenItStarts() throws Exception {
    client.namespaces().resource(namespace("payments", Map.of(ENFORCE, "restricted"))).create();

    try (InformerNamespaceLabels labels = started()) {
      assertThat(labels.synced()).isTrue();
      assertThat(labels.labels("payments")).containsEntry(ENFORCE, "restricted");
      assertThat(labels.cacheMisses()).isZero();
    }
  }

  @Test
  void followsANamespaceCreatedRelabelledAndDeleted() throws Exception {
    try (InformerNamespaceLabels labels = started()) {
      client.namespaces().resource(namespace("team-a", Map.of(ENFORCE, "baseline"))).create();
      assertThat(nextChange()).isEqualTo("team-a");
      assertThat(labels.labels("team-a")).containsEntry(ENFORCE, "baseline");

      client
          .namespaces()
          .withName("team-a")
          .edit(
              ns ->
                  new NamespaceBuilder(ns)
                      .editMetadata()
                      .addToLabels(ENFORCE, "restricted")
                      .addToLabels("pod-security.kubernetes.io/enforce-version", "v1.30")
                      .endMetadata()
                      .build());
      assertThat(nextChange()).isEqualTo("team-a");
      assertThat(labels.labels("team-a"))
          .containsEntry(ENFORCE, "restricted")
          .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.30");

      client.namespaces().withName("team-a").delete();
      assertThat(nextChange()).isEqualTo("team-a");
      // gone from the cache and from the API: unlabelled, so the cluster defaults apply
      assertThat(labels.labels("team-a")).isEmpty();
      assertThat(labels.cacheMisses()).isEqualTo(1);
      assertThat(labels.lookupFailures()).isZero();
    }
  }

  @Test
  void namespaceNotYetCachedIsReadFromTheApiServer() {
    client.namespaces().resource(namespace("fresh", Map.of(ENFORCE, "restricted"))).create();
    InformerNamespaceLabels labels =
        new InformerNamespaceLabels(client, Duration.ZERO, Duration.ofSeconds(5), changes::add);
    try (labels) {
      // not started: nothing cached yet
      assertThat(labels.synced()).isFalse();
      assertThat(labels.labels("fresh")).containsEntry(ENFORCE, "restricted");
      assertThat(labels.labels("never-created")).isEmpty();
      assertThat(labels.cacheMisses()).isEqualTo(2);
      assertThat(labels.lookupFailures()).isZero();
    }
  }

  @Test
  void unreachableApiServerMeansUnlabelledAndIsCounted() {
    KubernetesClient unreachable =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .withAutoConfigure(false)
                    .build())
            .build();
    try (unreachable;
        InformerNamespaceLabels labels =
            new InformerNamespaceLabels(
                unreachable, Duration.ZERO, Duration.ofSeconds(5), changes::add)) {
      assertThat(labels.labels("payments")).isEmpty();
      assertThat(labels.lookupFailures()).isEqualTo(1);
    }
  }
}
