package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.notify.routing.CurrentRouting;
import io.palisade.notify.routing.RoutingFile;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The routing file in the running service: a changed file is picked up by the running delivery
 * loops from the next incident version on, without a restart; a bad change keeps the running tree
 * and is counted. Each loop handles one partition in order, so a marker incident that both
 * receivers get proves that each has already made its decision about every earlier incident.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=alert-notifier",
      // checked by the test itself, never by the timer
      "palisade.notifier.routing-file-poll-interval=1h"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RoutingReloadApplicationIT {

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String GROUP = "it-reload-" + RUN;
  static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.reload.incidents." + RUN,
              "it.reload.notifications." + RUN,
              "it.reload.deadletter." + RUN,
              null));
  static final RecordingWebhook SERVER = RecordingWebhook.start();
  static final String SLACK_PATH = "/services/T0/B0/reloadsecret";
  static final Path ROUTING = routingFile();

  /** Everything to the webhook; markers to both. */
  static final String TO_WEBHOOK =
      """
      receivers: [webhook]
      routes:
        - name: markers
          matchers: ["id=~inc-marker-.*"]
          receivers: [webhook, slack]
      """;

  static IncidentTopicClient kafka;

  @Autowired CurrentRouting routing;
  @Autowired MeterRegistry meters;

  private static Path routingFile() {
    try {
      Path file = Files.createTempDirectory("palisade-routing").resolve("routing.yaml");
      Files.writeString(file, TO_WEBHOOK);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.incidents", () -> TOPICS.incidents().name());
    registry.add("palisade.topics.notifications", () -> TOPICS.notifications().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
    registry.add("palisade.notifier.consumer-group", () -> GROUP);
    registry.add("palisade.notifier.webhook.url", () -> SERVER.url("/hook").toString());
    registry.add("palisade.notifier.slack.url", () -> SERVER.url(SLACK_PATH).toString());
    registry.add("palisade.notifier.routing-file", ROUTING::toString);
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
  }

  @AfterAll
  static void close() throws IOException {
    kafka.close();
    SERVER.close();
    Files.deleteIfExists(ROUTING);
    Files.deleteIfExists(ROUTING.getParent());
  }

  private static List<RecordingWebhook.Request> at(String path, String incidentId) {
    return SERVER.requests().stream()
        .filter(request -> request.path().equals(path) && request.body().contains(incidentId))
        .toList();
  }

  private static void send(String id) throws Exception {
    kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", id));
  }

  private double reloads(String outcome) {
    return meters
        .get("palisade.notifier.routing.reloads")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  @Test
  void theRunningLoopsRouteWithTheNewTreeAfterAReloadAndKeepItOnABadChange() throws Exception {
    Duration wait = Duration.ofSeconds(60);
    String before = "inc-before-" + RUN;
    long beforeOffset = kafka.committed(GROUP + ".slack", TOPICS.incidents().name());
    send(before);
    await().atMost(wait).until(() -> !at("/hook", before).isEmpty());
    // Slack's own loop has decided about it too (and sent nothing)
    await()
        .atMost(wait)
        .until(() -> kafka.committed(GROUP + ".slack", TOPICS.incidents().name()) > beforeOffset);

    // everything to Slack now
    Files.writeString(
        ROUTING, TO_WEBHOOK.replace("receivers: [webhook]\n", "receivers: [slack]\n"));
    assertThat(((RoutingFile) routing).check()).isEqualTo(RoutingFile.Outcome.APPLIED);
    String after = "inc-after-" + RUN;
    String marker = "inc-marker-1-" + RUN;
    send(after);
    send(marker);
    await().atMost(wait).until(() -> !at("/hook", marker).isEmpty());
    await().atMost(wait).until(() -> !at(SLACK_PATH, marker).isEmpty());
    assertThat(at("/hook", after)).isEmpty();
    assertThat(at(SLACK_PATH, after)).hasSize(1);
    assertThat(at(SLACK_PATH, before)).isEmpty();

    // a route naming a receiver that does not exist: refused, Slack keeps getting everything
    Files.writeString(ROUTING, TO_WEBHOOK.replace("[webhook, slack]", "[webhook, teams]"));
    assertThat(((RoutingFile) routing).check()).isEqualTo(RoutingFile.Outcome.REJECTED);
    String rejected = "inc-rejected-" + RUN;
    String secondMarker = "inc-marker-2-" + RUN;
    send(rejected);
    send(secondMarker);
    await().atMost(wait).until(() -> !at("/hook", secondMarker).isEmpty());
    await().atMost(wait).until(() -> !at(SLACK_PATH, secondMarker).isEmpty());
    assertThat(at(SLACK_PATH, rejected)).hasSize(1);
    assertThat(at("/hook", rejected)).isEmpty();

    assertThat(reloads("applied")).isEqualTo(1.0);
    assertThat(reloads("rejected")).isEqualTo(1.0);
  }
}
