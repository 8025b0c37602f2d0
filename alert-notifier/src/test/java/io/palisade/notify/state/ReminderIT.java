package io.palisade.notify.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.IncidentTopicClient;
import io.palisade.notify.RecordingWebhook;
import io.palisade.notify.delivery.Backoff;
import io.palisade.notify.delivery.DeliveryMetrics;
import io.palisade.notify.delivery.IncidentDeliveryLoop;
import io.palisade.notify.delivery.KafkaSettings;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.routing.RouteSpec;
import io.palisade.notify.routing.RoutingTree;
import io.palisade.notify.webhook.WebhookProperties;
import io.palisade.notify.webhook.WebhookReceiver;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reminders on the real broker: an incident still open is sent again once the route's repeat
 * interval has passed without any new version; a resolved one is not.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReminderIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final PalisadeTopics topics =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.remind.incidents." + run,
              "it.remind.notifications." + run,
              "it.remind.deadletter." + run,
              null));
  private final String stateTopic = "it.remind.state." + run;
  private final RecordingWebhook webhook = RecordingWebhook.start();
  private IncidentTopicClient kafka;
  private IncidentDeliveryLoop loop;
  private Thread thread;

  @AfterEach
  void stop() throws InterruptedException {
    stopLoop();
    if (kafka != null) {
      kafka.close();
    }
    webhook.close();
  }

  private void startLoop(String group) {
    KafkaSettings settings =
        new KafkaSettings(
            KafkaBrokerExtension.bootstrapServers(), group, "earliest", Map.of(), Map.of());
    WebhookReceiver receiver =
        new WebhookReceiver(
            new WebhookProperties(webhook.url("/hook"), null, Duration.ofSeconds(10)),
            new ReceiverHttpClient(
                ReceiverHttpClient.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC()),
            JsonMapper.builder().build());
    loop =
        IncidentDeliveryLoop.connect(
            settings,
            topics,
            List.of(receiver),
            RoutingTree.build(
                new RouteSpec(
                    "root",
                    null,
                    List.of(WebhookReceiver.NAME),
                    false,
                    Duration.ofSeconds(2),
                    null,
                    null),
                List.of(WebhookReceiver.NAME)),
            stateTopic,
            null,
            Map.of(),
            "it-cluster",
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1)),
            new DeliveryMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC());
    thread = new Thread(loop, "it-reminder-loop");
    thread.start();
  }

  private void stopLoop() throws InterruptedException {
    if (loop != null) {
      loop.shutdown();
      thread.join(Duration.ofSeconds(30).toMillis());
      assertThat(thread.isAlive()).isFalse();
      loop = null;
    }
  }

  private List<RecordingWebhook.Request> received(String id) {
    return webhook.requestsFor(id);
  }

  @Test
  void remindsOfAnOpenIncidentAfterTheRepeatIntervalButNotOfAResolvedOne() throws Exception {
    KafkaBrokerExtension.createTopics(topics, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
    Incident open = IncidentFixtures.incident("exec-reverse-shell", "inc-remind-open-" + run);
    Incident closing = IncidentFixtures.open("merged-incident", "inc-remind-closed-" + run);
    Incident resolved =
        Incident.newBuilder(closing)
            .setVersion(closing.getVersion() + 1)
            .setStatus(IncidentStatus.RESOLVED)
            .build();
    kafka.send(topics.incidents(), closing);
    kafka.send(topics.incidents(), resolved);
    kafka.send(topics.incidents(), open);

    startLoop("it-remind-" + run);
    await().atMost(WAIT).until(() -> received(open.getId()).size() >= 3);

    List<RecordingWebhook.Request> reminders = received(open.getId());
    for (int i = 1; i < 3; i++) {
      assertThat(Duration.between(reminders.get(i - 1).receivedAt(), reminders.get(i).receivedAt()))
          .as("reminders come after the repeat interval")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      assertThat(reminders.get(i).body()).isEqualTo(reminders.get(0).body());
    }
    assertThat(received(closing.getId())).hasSize(2); // the open version and the resolution
  }
}
