package io.palisade.audit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.intake.testsupport.FuzzCampaign;
import io.palisade.intake.testsupport.MalformedBodies;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.Fixtures;
import io.palisade.testkit.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * a seed and the real events in {@code src/test/resources/events}, at the running webhook on a real
 * broker: every answer must be 2xx or a 4xx with a JSON reason, and the service must stay healthy.
 * Set {@code -Dpalisade.fuzz.seed=…} to replay or explore another seed.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    classes = AuditIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=audit-ingester",
      "palisade.cluster=fuzz",
      "palisade.intake.limits.max-body-size=256KB",
      "palisade.intake.limits.max-events=100",
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN"
    })
class AuditWebhookFuzzIT {

  private static final long SEED = Long.getLong("palisade.fuzz.seed", 20261128L);
  private static final int BODIES = 3000;
  private static final Duration BUDGET = Duration.ofSeconds(30);

  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              "audit-fuzz-it.audit",
              null,
              null,
              null,
              null,
              null,
              "audit-fuzz-it.deadletter",
              null));

  @LocalServerPort int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.audit", () -> TOPICS.audit().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
  }

  @Test
  void answersEveryMalformedBodyWith2xxOrAJson4xxAndStaysHealthy() throws Exception {
    MalformedBodies bodies = new MalformedBodies(SEED, samples(), 300 * 1024);

    FuzzCampaign.Outcome outcome =
        new FuzzCampaign()
            .run(URI.create("http://127.0.0.1:" + port + "/v1/audit"), bodies, BODIES, 4, BUDGET);

    LoggerFactory.getLogger(AuditWebhookFuzzIT.class)
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
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JsonMapper.builder().build().readTree(health.body()).get("status").asString())
        .isEqualTo("UP");
    HttpResponse<String> valid =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audit"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        EventListReaderTest.eventList(Fixtures.text("events/exec-pod/input.json"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(valid.statusCode()).isEqualTo(200);
  }

  private static List<byte[]> samples() {
    List<byte[]> samples = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (String name :
        List.of(
            "events/create-clusterrolebinding/input.json",
            "events/create-nginx-pod-privileged/input.json",
            "events/create-secret/input.json",
            "events/exec-pod/input.json",
            "events/impersonated-list-forbidden/input.json",
            "redaction/create-secret-request-response/input.json",
            "redaction/list-secrets/input.json",
            "redaction/patch-secret-json-patch/input.json")) {
      String event = Fixtures.text(name);
      events.add(event);
      samples.add(event.getBytes(StandardCharsets.UTF_8));
      samples.add(EventListReaderTest.eventList(event).getBytes(StandardCharsets.UTF_8));
    }
    samples.add(
        EventListReaderTest.eventList(events.toArray(String[]::new))
            .getBytes(StandardCharsets.UTF_8));
    return samples;
  }
}
