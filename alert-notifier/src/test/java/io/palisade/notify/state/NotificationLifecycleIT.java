package io.palisade.notify.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.IncidentTopicClient;
import io.palisade.notify.RecordingWebhook;
import io.palisade.notify.delivery.Backoff;
import io.palisade.notify.delivery.DeliveryMetrics;
import io.palisade.notify.delivery.IncidentDeliveryLoop;
import io.palisade.notify.delivery.KafkaSettings;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.routing.RoutingTree;
import io.palisade.notify.webhook.WebhookProperties;
import io.palisade.notify.webhook.WebhookReceiver;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end on the real broker: a stream of incident versions (new, no-op update, escalation, new
 * tactic, resolution, merge, a closed incident never notified) yields exactly the expected
 * notifications (spaced by the receiver's rate limit), and a notifier that reads the whole stream
 * again (a restart that lost its offsets, another replica) sends nothing twice because the
 * notification state is in Kafka.
 */
@ExtendWith(KafkaBrokerExtension.class)
class NotificationLifecycleIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final PalisadeTopics topics =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.life.incidents." + run,
              "it.life.notifications." + run,
              "it.life.deadletter." + run,
              null));
  private final String stateTopic = "it.life.state." + run;
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
            RoutingTree.everythingTo(List.of(WebhookReceiver.NAME)),
            stateTopic,
            null,
            Map.of(WebhookReceiver.NAME, 1.0), // one message per second, as Slack allows
            "it-cluster",
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(1)),
            new DeliveryMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC());
    thread = new Thread(loop, "it-lifecycle-loop");
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

  private List<Long> versionsSent(String id) {
    return webhook.requestsFor(id).stream()
        .map(request -> JsonMapper.builder().build().readTree(request.body()).get("version"))
        .map(version -> version.longValue())
        .toList();
  }

  /** When each of the first {@code count} delivery attempts started, in order. */
  private List<Instant> attemptStarts(int count) {
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.notifications())) {
      return reader.awaitRecords(read -> read.size() >= count, WAIT).stream()
          .map(ConsumerRecord::value)
          .map(record -> record.getEventTime().minusMillis(record.getLatencyMs()))
          .sorted()
          .toList();
    }
  }

  @Test
  void sendsWhatMattersOnceAndNothingAgainAfterARestart() throws Exception {
    KafkaBrokerExtension.createTopics(topics, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
    Incident full = IncidentFixtures.incident("exec-reverse-shell", "inc-life-a-" + run);
    Incident v1 =
        Incident.newBuilder(full)
            .setVersion(1)
            .setSeverity(Severity.HIGH)
            .setTactics(List.of("privilege-escalation"))
            .setSignals(full.getSignals().subList(0, 2))
            .setSignalCount(2)
            .build();
    Incident v2 = Incident.newBuilder(v1).setVersion(2).setScore(80).setSignalCount(3).build();
    Incident v3 = Incident.newBuilder(v2).setVersion(3).setSeverity(Severity.CRITICAL).build();
    Incident v4 =
        Incident.newBuilder(v3)
            .setVersion(4)
            .setTactics(full.getTactics())
            .setSignals(full.getSignals())
            .build();
    Incident v5 = Incident.newBuilder(v4).setVersion(5).setStatus(IncidentStatus.RESOLVED).build();
    Incident v6 = Incident.newBuilder(v5).setVersion(6).setScore(10).build();
    Incident b1 =
        Incident.newBuilder(IncidentFixtures.incident("merged-incident", "inc-life-b-" + run))
            .setVersion(1)
            .setStatus(IncidentStatus.OPEN)
            .setMergedInto(null)
            .build();
    Incident b2 =
        Incident.newBuilder(b1)
            .setVersion(2)
            .setStatus(IncidentStatus.MERGED)
            .setMergedInto(full.getId())
            .build();
    Incident b3 = Incident.newBuilder(b2).setVersion(3).setScore(1).build();
    Incident c1 =
        Incident.newBuilder(IncidentFixtures.incident("resolved-incident", "inc-life-c-" + run))
            .setVersion(1)
            .build();
    long last = 0;
    for (Incident version : List.of(v1, v2, b1, v3, v4, b2, c1, v5, b3, v6)) {
      last = kafka.send(topics.incidents(), version);
    }
    long lastOffset = last;

    startLoop("it-life-1-" + run);
    await()
        .atMost(WAIT)
        .until(
            () -> kafka.committed("it-life-1-" + run, topics.incidents().name()) == lastOffset + 1);

    assertThat(versionsSent(full.getId())).containsExactly(1L, 3L, 4L, 5L);
    assertThat(versionsSent(b1.getId())).containsExactly(1L, 2L);
    assertThat(versionsSent(c1.getId())).isEmpty();
    // the rate limit spaces the attempts' starts (the delivery log's end time minus its latency);
    // their arrival at the server also depends on how long each POST took
    List<Instant> starts = attemptStarts(webhook.requests().size());
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.between(starts.get(i - 1), starts.get(i)))
          .as("the rate limit spaces attempts")
          .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    // a notifier that lost its offsets reads every version again: nothing is sent twice
    stopLoop();
    startLoop("it-life-2-" + run);
    await()
        .atMost(WAIT)
        .until(
            () -> kafka.committed("it-life-2-" + run, topics.incidents().name()) == lastOffset + 1);
    assertThat(versionsSent(full.getId())).containsExactly(1L, 3L, 4L, 5L);
    assertThat(versionsSent(b1.getId())).containsExactly(1L, 2L);

    // and a reopened incident is news again
    Incident v7 = Incident.newBuilder(v6).setVersion(7).setStatus(IncidentStatus.OPEN).build();
    long reopened = kafka.send(topics.incidents(), v7);
    await()
        .atMost(WAIT)
        .until(
            () -> kafka.committed("it-life-2-" + run, topics.incidents().name()) == reopened + 1);
    assertThat(versionsSent(full.getId())).containsExactly(1L, 3L, 4L, 5L, 7L);
  }
}
