package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * How ComposeDemoIT turns docker-compose.yml's services into local processes: only addresses, paths
 * and the JVM's container sizing change, and nothing is left pointing at a compose host.
 */
class LocalComposeTest {

  private static final String BROKER = "127.0.0.1:19092";

  private final JsonNode compose = Yaml.single(Repository.path("docker-compose.yml"));
  private final ContainerImage image =
      ContainerImage.of(Repository.path("deploy/images/Dockerfile"));

  @TempDir Path workDir;
  private LocalCompose local;

  @BeforeEach
  void publishEveryService() {
    local = new LocalCompose(compose, image, "1.2.3", workDir, BROKER, "-Xmx64m");
    for (PalisadeService service : PalisadeService.ALL) {
      local.publish(service.name(), local.containerPort(service.name()));
    }
    local.publish("demo-inbox", 9000);
  }

  @Test
  void readsTheDockerfile() {
    assertThat(image.entrypoint()).containsExactly("java", "-jar", "/app/app.jar");
    assertThat(image.volumes()).containsExactly("/tmp", "/var/lib/palisade/streams");
    assertThat(image.workdir()).isEqualTo("/tmp");
    assertThat(image.environment()).containsKeys("JDK_JAVA_OPTIONS", "PALISADE_STREAMS_STATE_DIR");
    assertThat(image.repositoryFileAt("/app/app.jar", "audit-ingester", "1.2.3"))
        .isEqualTo(
            Repository.root().resolve("audit-ingester/target/audit-ingester-1.2.3-exec.jar"));
  }

  @Test
  void aServiceGetsTheImagesAndItsOwnEnvironmentWithLocalAddressesAndPaths() {
    LocalCompose.LocalCommand engine = local.palisadeService("correlation-engine");
    Map<String, String> environment = engine.environment();

    assertThat(engine.command())
        .containsExactly(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            Repository.root()
                .resolve("correlation-engine/target/correlation-engine-1.2.3-exec.jar")
                .toString());
    assertThat(environment)
        .containsEntry("PALISADE_KAFKA_BOOTSTRAP_SERVERS", BROKER)
        .containsEntry("PALISADE_CLUSTER", "default")
        .containsEntry("PALISADE_STREAMS_REPLICATION_FACTOR", "1")
        .containsEntry(
            "PALISADE_STREAMS_STATE_DIR", workDir.resolve("volumes/streams-state").toString())
        .containsEntry("SERVER_PORT", String.valueOf(local.hostPort("correlation-engine")))
        .containsEntry("SERVER_ADDRESS", "127.0.0.1");
    assertThat(environment.get("JDK_JAVA_OPTIONS"))
        .doesNotContain("RAMPercentage")
        .contains("-XX:+ExitOnOutOfMemoryError")
        .contains("-Djava.io.tmpdir=" + workDir.resolve("correlation-engine/tmp"))
        .endsWith(" -Xmx64m");
    assertThat(engine.directory()).isEqualTo(workDir.resolve("correlation-engine/tmp"));
  }

  @Test
  void theNotifiersDefaultWebhookIsTheLocalInbox() {
    assertThat(local.palisadeService("alert-notifier").environment())
        .containsEntry(
            "PALISADE_NOTIFIER_WEBHOOK_URL",
            "http://127.0.0.1:" + local.hostPort("demo-inbox") + "/incidents");
  }

  @Test
  void theDemoReplayPostsToTheLocalServicesWithTheMountedFiles() {
    LocalCompose.LocalCommand replay =
        local.demoService("demo-replay", Map.of("DEMO_DIR", "/demo", "TMPDIR", "/tmp"));

    assertThat(replay.command())
        .containsExactly("/bin/sh", Repository.root().resolve("deploy/demo/replay.sh").toString());
    assertThat(replay.environment())
        .containsEntry("GATEWAY_URL", "http://127.0.0.1:" + local.hostPort("admission-gateway"))
        .containsEntry("AUDIT_URL", "http://127.0.0.1:" + local.hostPort("audit-ingester"))
        .containsEntry("RUNTIME_URL", "http://127.0.0.1:" + local.hostPort("runtime-ingester"))
        .containsEntry(
            "DEMO_DIR", Repository.root().resolve("all-in-one/src/main/resources/demo").toString())
        .containsEntry("TMPDIR", workDir.resolve("demo-replay/tmp").toString());
  }

  @Test
  void healthChecksRunTheImagesScriptOnTheLocalPortWithComposesTiming() {
    LocalCompose.Healthcheck gateway = local.healthcheck("admission-gateway", true);
    LocalCompose.Healthcheck inbox = local.healthcheck("demo-inbox", false);

    assertThat(gateway.command().command())
        .containsExactly(
            Repository.root().resolve("deploy/images/healthcheck.sh").toString(),
            String.valueOf(local.hostPort("admission-gateway")));
    assertThat(gateway.timeout()).isEqualTo(Duration.ofSeconds(6));
    assertThat(gateway.budget()).isEqualTo(Duration.ofSeconds(30 + 12 * 10));
    assertThat(inbox.command().command().get(0)).isEqualTo("python3");
    assertThat(inbox.command().command().get(2))
        .contains("http://127.0.0.1:" + local.hostPort("demo-inbox") + "/");
  }

  @Test
  void aComposeHostWithoutLocalAddressIsAnError() {
    assertThat(local.rewriteAddresses("http://audit-ingester:8081/v1/audit"))
        .isEqualTo("http://127.0.0.1:" + local.hostPort("audit-ingester") + "/v1/audit");
    assertThatThrownBy(() -> local.rewriteAddresses("http://audit-ingester:9999/"))
        .hasMessageContaining("audit-ingester:9999");
    assertThatThrownBy(() -> local.rewriteAddresses("kafka:9093"))
        .hasMessageContaining("kafka:9093");
  }

  @Test
  void interpolatesLikeComposeWithNoVariablesSet() {
    assertThat(LocalCompose.interpolate("${URL:-http://demo-inbox:9000/incidents}"))
        .isEqualTo("http://demo-inbox:9000/incidents");
    assertThat(LocalCompose.interpolate("local name=\"$$1\" all=\"$${configs[@]}\""))
        .isEqualTo("local name=\"$1\" all=\"${configs[@]}\"");
    assertThatThrownBy(() -> LocalCompose.interpolate("${TOKEN}")).hasMessageContaining("${TOKEN}");
  }

  @Test
  void topicInitsScriptIsReadForWhatItCreates() {
    TopicInitScript script =
        TopicInitScript.parse(
            LocalCompose.interpolate(
                compose.path("services").path("topic-init").path("command").path(0).stringValue()));

    assertThat(script.replicationFactor()).isEqualTo((short) 1);
    assertThat(script.creations())
        .contains(
            new TopicInitScript.Creation(
                "palisade.incidents.v1",
                3,
                Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000")));
    assertThat(script.topicNames()).doesNotHaveDuplicates();
    assertThatThrownBy(() -> TopicInitScript.parse("create palisade.audit.v1 6"))
        .hasMessageContaining("--if-not-exists");
  }
}
