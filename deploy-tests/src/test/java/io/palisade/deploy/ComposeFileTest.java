package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml: valid under the Compose specification, and in agreement with the services'
 * own configuration (ports, health endpoints, configuration keys), with the topic contract and with
 * the Kubernetes topics, started in dependency order, and with a demo profile that replays the
 * built-in attack.
 */
class ComposeFileTest {

  private final JsonNode compose = Yaml.single(Repository.path("docker-compose.yml"));
  private final JsonNode services = compose.path("services");

  @Test
  void matchesTheComposeSpecification() {
    assertThat(SchemaCatalog.problemsOf(compose, SchemaCatalog.COMPOSE)).isEmpty();
  }

  @Test
  void theValidatorRejectsWhatTheSpecificationForbids() {
    JsonNode broken = compose.deepCopy();
    ((tools.jackson.databind.node.ObjectNode) broken.path("services").path("kafka"))
        .put("restrat", "always");

    assertThat(SchemaCatalog.problemsOf(broken, SchemaCatalog.COMPOSE)).isNotEmpty();
  }

  @Test
  void kafkaIsTheProjectsVersionInKraftMode() {
    JsonNode kafka = services.path("kafka");

    assertThat(kafka.path("image").stringValue(""))
        .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").stringValue(""))
        .isEqualTo("broker,controller");
    assertThat(kafka.path("healthcheck").has("test")).isTrue();
  }

  @Test
  void everyServiceListensWhereItsConfigurationSays() {
    for (PalisadeService service : PalisadeService.ALL) {
      JsonNode container = services.path(service.name());
      int port = service.serverPort();

      assertThat(container.path("image").stringValue(""))
          .startsWith("palisade/" + service.name() + ":");
      assertThat(container.path("ports").toString())
          .as(service.name())
          .contains(":" + port + ":" + port + "\"");
      // TLS is off here (the gateway and the intakes refuse to start with it on and no
      // certificate), so the actuator shares the server port
      if (service.hasIntakeLibrary()) {
        assertThat(
                container.path("environment").path("PALISADE_INTAKE_TLS_ENABLED").stringValue(""))
            .as(service.name())
            .isEqualTo("false");
      }
      assertThat(container.path("healthcheck").path("test").toString())
          .isEqualTo("[\"CMD\",\"/app/healthcheck\",\"" + port + "\"]");
    }
  }

  @Test
  void environmentUsesOnlyKeysTheServicesKnow() {
    List<String> unknown = new ArrayList<>();
    for (PalisadeService service : PalisadeService.ALL) {
      for (String variable : propertyNames(services.path(service.name()).path("environment"))) {
        if (variable.startsWith("PALISADE_") && !service.knowsEnvironmentVariable(variable)) {
          unknown.add(service.name() + ": " + variable);
        }
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void servicesStartOnceKafkaIsHealthyAndTheTopicsExist() {
    for (PalisadeService service : PalisadeService.ALL) {
      JsonNode dependsOn = services.path(service.name()).path("depends_on");

      assertThat(dependsOn.path("kafka").path("condition").stringValue(""))
          .isEqualTo("service_healthy");
      assertThat(dependsOn.path("topic-init").path("condition").stringValue(""))
          .isEqualTo("service_completed_successfully");
      assertThat(services.path(service.name()).path("read_only").booleanValue()).isTrue();
    }
    services
        .properties()
        .forEach(
            service ->
                service
                    .getValue()
                    .path("depends_on")
                    .properties()
                    .forEach(
                        dependency -> {
                          if (dependency
                              .getValue()
                              .path("condition")
                              .stringValue("")
                              .equals("service_healthy")) {
                            assertThat(services.path(dependency.getKey()).has("healthcheck"))
                                .as(
                                    service.getKey()
                                        + " waits for "
                                        + dependency.getKey()
                                        + "'s health check")
                                .isTrue();
                          }
                        }));
  }

  @Test
  void topicInitCreatesEveryTopicLikeTheKubernetesTopics() {
    Map<String, TopicInitScript.Creation> created = new LinkedHashMap<>();
    TopicInitScript.parse(
            LocalCompose.interpolate(
                services.path("topic-init").path("command").path(0).stringValue("")))
        .creations()
        .forEach(creation -> created.put(creation.name(), creation));
    Map<String, JsonNode> kubernetes = KafkaResourcesTest.topicsByName(Manifests.of("base"));

    assertThat(created.keySet())
        .containsExactlyInAnyOrderElementsOf(KafkaResourcesTest.allTopicNames());
    for (String notifierTopic : KafkaResourcesTest.NOTIFIER_TOPICS) {
      assertThat(created.get(notifierTopic).configs())
          .isEqualTo(Map.of("cleanup.policy", "compact"));
      assertThat(created.get(notifierTopic).partitions())
          .isEqualTo(kubernetes.get(notifierTopic).path("partitions").intValue());
    }
    for (Topic<?, ?> topic : PalisadeTopics.withDefaultNames().all()) {
      Map<String, String> configs = created.get(topic.name()).configs();
      JsonNode k8s = kubernetes.get(topic.name());
      assertThat(configs).as(topic.name()).containsAllEntriesOf(topic.configs());
      assertThat(created.get(topic.name()).partitions())
          .isEqualTo(k8s.path("partitions").intValue());
      k8s.path("config")
          .properties()
          .forEach(
              config ->
                  assertThat(configs.get(config.getKey()))
                      .as(topic.name() + " " + config.getKey())
                      .isEqualTo(config.getValue().asString()));
    }
  }

  @Test
  void demoProfileReplaysTheBuiltInAttackAgainstTheIntakes() throws Exception {
    JsonNode replay = services.path("demo-replay");
    String script = Files.readString(Repository.path("deploy/demo/replay.sh"));

    assertThat(replay.path("profiles").toString()).isEqualTo("[\"demo\"]");
    assertThat(services.path("demo-inbox").path("profiles").toString()).isEqualTo("[\"demo\"]");
    assertThat(replay.path("volumes").toString())
        .contains("./all-in-one/src/main/resources/demo:/demo:ro")
        .contains("./deploy/demo/replay.sh:/replay.sh:ro");
    for (String file : List.of("admission-review.json", "audit-events.json", "falco-alert.json")) {
      assertThat(Repository.path("all-in-one/src/main/resources/demo/" + file)).exists();
      assertThat(script).contains("${DEMO}/" + file);
    }
    for (String placeholder : placeholdersOfTheDemoFiles()) {
      assertThat(script)
          .as("replay.sh fills " + placeholder)
          .contains("s/{{" + placeholder + "}}/");
    }
    assertThat(script).contains("${GATEWAY}/validate", "${AUDIT}/v1/audit", "${RUNTIME}/v1/falco");
    assertThat(replay.path("environment").path("GATEWAY_URL").stringValue(""))
        .isEqualTo(
            "http://admission-gateway:" + PalisadeService.named("admission-gateway").serverPort());
    assertThat(replay.path("environment").path("AUDIT_URL").stringValue(""))
        .isEqualTo("http://audit-ingester:" + PalisadeService.named("audit-ingester").serverPort());
    assertThat(replay.path("environment").path("RUNTIME_URL").stringValue(""))
        .isEqualTo(
            "http://runtime-ingester:" + PalisadeService.named("runtime-ingester").serverPort());
    for (String dependency :
        List.of(
            "admission-gateway",
            "audit-ingester",
            "runtime-ingester",
            "correlation-engine",
            "alert-notifier",
            "demo-inbox")) {
      assertThat(replay.path("depends_on").path(dependency).path("condition").stringValue(""))
          .as(dependency)
          .isEqualTo("service_healthy");
    }
    assertThat(
            services
                .path("alert-notifier")
                .path("environment")
                .path("PALISADE_NOTIFIER_WEBHOOK_URL")
                .stringValue(""))
        .contains("http://demo-inbox:9000/");
  }

  private static List<String> placeholdersOfTheDemoFiles() throws Exception {
    List<String> placeholders = new ArrayList<>();
    Pattern placeholder = Pattern.compile("\\{\\{(\\w+)}}");
    for (String file : List.of("admission-review.json", "audit-events.json", "falco-alert.json")) {
      Matcher matcher =
          placeholder.matcher(
              Files.readString(Repository.path("all-in-one/src/main/resources/demo/" + file)));
      while (matcher.find()) {
        placeholders.add(matcher.group(1));
      }
    }
    assertThat(placeholders).isNotEmpty();
    return placeholders;
  }

  private static List<String> propertyNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
