package io.palisade.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.intake.testsupport.FuzzCampaign;
import io.palisade.intake.testsupport.MalformedBodies;
import io.palisade.runtime.RuntimeIngesterApplication;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.Fixtures;
import io.palisade.testkit.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throws thousands of malformed, truncated, mutated, deeply nested and oversized bodies, made from
 * a seed and the real alerts in {@code src/test/resources/falco}, at the running Falco endpoint on
 * a real broker: every answer must be 2xx or a 4xx with a JSON reason, and the service must stay
 * healthy. Set {@code -Dpalisade.fuzz.seed=…} to replay or explore another seed.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    classes = RuntimeIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=runtime-ingester",
      "palisade.cluster=fuzz",
      "palisade.intake.limits.max-body-size=64KB",
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN"
    })
class FalcoIntakeFuzzIT {

  private static final long SEED = Long.getLong("palisade.fuzz.seed", 20261128L);
  private static final int BODIES = 3000;
  private static final Duration BUDGET = Duration.ofSeconds(30);

  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              "falco-fuzz-it.runtime",
              null,
              null,
              null,
              "falco-fuzz-it.deadletter",
              null));

  @LocalServerPort int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.runtime", () -> TOPICS.runtime().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
  }

  @Test
  void answersEveryMalformedBodyWith2xxOrAJson4xxAndStaysHealthy() throws Exception {
    List<byte[]> samples =
        List.of(
                "falco/api-server-contact-tagged-image/input.json",
                "falco/fake-rule-malformed-time/input.json",
                "falco/k8saudit-serviceaccount-created/input.json",
                "falco/metrics-snapshot-internal/input.json",
                "falco/terminal-shell-2021-without-hostname/input.json",
                "falco/terminal-shell/input.json")
            .stream()
            .map(Fixtures::bytes)
            .toList();
    MalformedBodies bodies = new MalformedBodies(SEED, samples, 80 * 1024);

    FuzzCampaign.Outcome outcome =
        new FuzzCampaign().run(uri("/v1/falco"), bodies, BODIES, 4, BUDGET);

    LoggerFactory.getLogger(FalcoIntakeFuzzIT.class)
        .info("fuzz seed {}: {} bodies, answers {}", SEED, outcome.sent(), outcome.statuses());
    assertThat(outcome.violations()).as("seed %d, answers %s", SEED, outcome.statuses()).isEmpty();
    assertThat(outcome.sent()).isGreaterThanOrEqualTo(1000);
    assertThat(outcome.count(400, 499)).as("refused").isGreaterThan(outcome.sent() / 2);
    assertThat(outcome.count(200, 299)).as("still valid after mutation").isPositive();
    assertThat(outcome.statuses()).containsKeys(400, 413);
    assertHealthyAndStillAccepting();
  }

  private void assertHealthyAndStillAccepting() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(uri("/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JsonMapper.builder().build().readTree(health.body()).get("status").asString())
        .isEqualTo("UP");
    HttpResponse<String> valid =
        http.send(
            HttpRequest.newBuilder(uri("/v1/falco"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Fixtures.text("falco/terminal-shell/input.json")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(valid.statusCode()).isEqualTo(200);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
