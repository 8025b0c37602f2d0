package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The routing tree in the running service: configuration, delivery per route, the dry run. */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=alert-notifier",
      "palisade.notifier.routing.receivers[0]=webhook",
      "palisade.notifier.routing.routes[0].name=shop-critical",
      "palisade.notifier.routing.routes[0].matchers[0]=namespace=~shop|payments",
      "palisade.notifier.routing.routes[0].matchers[1]=severity>=HIGH",
      "palisade.notifier.routing.routes[0].receivers[0]=slack",
      "palisade.notifier.routing.routes[0].receivers[1]=webhook",
      "palisade.notifier.routing.routes[0].continue=true",
      "palisade.notifier.routing.routes[1].name=everything-else-of-shop",
      "palisade.notifier.routing.routes[1].matchers[0]=namespace=shop",
      "palisade.notifier.routing.routes[1].repeat-interval=1h"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RoutingApplicationIT {

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.routing.incidents." + RUN,
              "it.routing.notifications." + RUN,
              "it.routing.deadletter." + RUN,
              null));
  static final RecordingWebhook SERVER = RecordingWebhook.start();
  static final String SLACK_PATH = "/services/T0/B0/routingsecret";
  static IncidentTopicClient kafka;

  @LocalServerPort int port;

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.incidents", () -> TOPICS.incidents().name());
    registry.add("palisade.topics.notifications", () -> TOPICS.notifications().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
    registry.add("palisade.notifier.consumer-group", () -> "it-routing-" + RUN);
    registry.add("palisade.notifier.webhook.url", () -> SERVER.url("/hook").toString());
    registry.add("palisade.notifier.slack.url", () -> SERVER.url(SLACK_PATH).toString());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
    SERVER.close();
  }

  private List<RecordingWebhook.Request> slackAbout(String id) {
    return SERVER.requests().stream()
        .filter(request -> request.path().equals(SLACK_PATH) && request.body().contains(id))
        .toList();
  }

  @Test
  void deliversEachIncidentToTheReceiversOfItsRoutesOnly() throws Exception {
    String critical = "inc-routed-critical-" + RUN;
    String low = "inc-routed-low-" + RUN;
    kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", critical));
    kafka.send(TOPICS.incidents(), IncidentFixtures.open("merged-incident", low));

    await().atMost(Duration.ofSeconds(60)).until(() -> !SERVER.requestsFor(low).isEmpty());
    await().atMost(Duration.ofSeconds(60)).until(() -> !slackAbout(critical).isEmpty());
    assertThat(SERVER.requestsFor(critical)).hasSize(1); // the webhook, once, though two routes
    assertThat(SERVER.requestsFor(low)).hasSize(1);
    assertThat(slackAbout(critical)).hasSize(1);
    assertThat(slackAbout(low)).isEmpty();
  }

  @Test
  void aStuckReceiverDoesNotHoldUpTheOthers() throws Exception {
    String stuck = "inc-slack-stuck-" + RUN;
    String later = "inc-after-stuck-" + RUN;
    CountDownLatch release = new CountDownLatch(1);
    SERVER.script(stuck, RecordingWebhook.Response.status(200)); // the webhook answers at once
    SERVER.script(later, RecordingWebhook.Response.status(200));
    SERVER.scriptAny(RecordingWebhook.Response.status(200).heldBy(release)); // Slack hangs
    try {
      kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", stuck));
      await().atMost(Duration.ofSeconds(60)).until(() -> !slackAbout(stuck).isEmpty());
      kafka.send(TOPICS.incidents(), IncidentFixtures.open("merged-incident", later));

      // Slack is still waiting for its answer, and the webhook has moved on to the next incident
      await().atMost(Duration.ofSeconds(60)).until(() -> !SERVER.requestsFor(later).isEmpty());
      assertThat(SERVER.requestsFor(stuck)).hasSize(1);
      assertThat(release.getCount()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void dryRunSaysWhichReceiversWouldGetAnIncidentAndWhy() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/routing/dry-run?at=2026-11-27T20:00:00Z",
            IncidentFixtures.expectedPayload("exec-reverse-shell"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("at").stringValue()).isEqualTo("2026-11-27T20:00:00Z");
    assertThat(answer.get("receivers").toString()).isEqualTo("[\"slack\",\"webhook\"]");
    assertThat(answer.get("silencedBy").isNull()).isTrue();
    JsonNode first = answer.get("routes").get(0);
    assertThat(first.get("path").stringValue()).isEqualTo("root/shop-critical");
    assertThat(first.get("active").booleanValue()).isTrue();
    assertThat(first.get("because").toString())
        .isEqualTo("[\"namespace=~shop|payments\",\"severity>=HIGH\"]");
    JsonNode second = answer.get("routes").get(1);
    assertThat(second.get("path").stringValue()).isEqualTo("root/everything-else-of-shop");
    assertThat(second.get("receivers").toString()).isEqualTo("[\"webhook\"]");
    assertThat(second.get("repeatInterval").stringValue()).isEqualTo("PT1H");
  }

  @Test
  void dryRunRefusesAnUnreadableIncidentWithAClearError() throws Exception {
    HttpResponse<String> badSeverity =
        post("/api/routing/dry-run", "{\"id\":\"x\",\"severity\":\"SEVERE\"}");
    HttpResponse<String> badTime =
        post("/api/routing/dry-run?at=yesterday", "{\"id\":\"x\",\"severity\":\"LOW\"}");

    assertThat(badSeverity.statusCode()).isEqualTo(400);
    assertThat(badSeverity.body()).contains("unknown severity 'SEVERE'");
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(badTime.body()).contains("ISO-8601");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
