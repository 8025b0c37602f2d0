package io.palisade.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.DeliveryOutcome;
import io.palisade.avro.NotificationRecord;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.IncidentTopicClient;
import io.palisade.notify.RecordingWebhook;
import io.palisade.notify.RecordingWebhook.Response;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.webhook.WebhookProperties;
import io.palisade.notify.webhook.WebhookReceiver;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/** The plain delivery loop (no Spring) against the real broker and a real HTTP receiver. */
@ExtendWith(KafkaBrokerExtension.class)
class IncidentDeliveryLoopIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String group = "it-loop-" + run;
  private final PalisadeTopics topics =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.loop.incidents." + run,
              "it.loop.notifications." + run,
              "it.loop.deadletter." + run,
              null));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RecordingWebhook webhook = RecordingWebhook.start();
  private IncidentTopicClient kafka;
  private IncidentDeliveryLoop loop;
  private Thread thread;

  @BeforeEach
  void createTopics() {
    KafkaBrokerExtension.createTopics(topics, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
  }

  @AfterEach
  void stopLoop() throws InterruptedException {
    try {
      if (loop != null) {
        loop.shutdown();
        thread.join(Duration.ofSeconds(30).toMillis());
        assertThat(thread.isAlive()).as("the loop stops after shutdown()").isFalse();
      }
    } finally {
      kafka.close();
      webhook.close();
    }
  }

  private void startLoop(Map<String, String> consumerOverrides) {
    startLoop(
        consumerOverrides,
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5)));
  }

  private void startLoop(Map<String, String> consumerOverrides, Backoff backoff) {
    KafkaSettings settings =
        new KafkaSettings(
            KafkaBrokerExtension.bootstrapServers(),
            group,
            "earliest",
            consumerOverrides,
            Map.of());
    ReceiverHttpClient http =
        new ReceiverHttpClient(
            ReceiverHttpClient.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC());
    WebhookReceiver receiver =
        new WebhookReceiver(
            new WebhookProperties(webhook.url("/hook"), null, Duration.ofSeconds(10)),
            http,
            JsonMapper.builder().build());
    loop =
        IncidentDeliveryLoop.connect(
            settings,
            topics,
            List.of(receiver),
            "it-cluster",
            backoff,
            new DeliveryMetrics(meters),
            Clock.systemUTC());
    thread = new Thread(loop, "it-incident-loop");
    thread.start();
  }

  private long committed() {
    return kafka.committed(group, topics.incidents().name());
  }

  private List<NotificationRecord> attempts(String incidentId, int atLeast) {
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.notifications())) {
      return reader
          .awaitRecords(
              read ->
                  read.stream().filter(r -> r.value().getIncidentId().equals(incidentId)).count()
                      >= atLeast,
              WAIT)
          .stream()
          .map(ConsumerRecord::value)
          .filter(value -> value.getIncidentId().equals(incidentId))
          .toList();
    }
  }

  private double attemptsCounted(String outcome) {
    var counter =
        meters
            .find(DeliveryMetrics.ATTEMPTS)
            .tags("receiver", "webhook", "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void deadLettersAGarbageRecordSkipsATombstoneAndStillDeliversTheNextIncident() throws Exception {
    byte[] garbageKey = "inc-garbled".getBytes(StandardCharsets.UTF_8);
    byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
    String good = "inc-after-garbage-" + run;
    kafka.sendRaw(topics.incidents().name(), garbageKey, garbage);
    kafka.sendRaw(topics.incidents().name(), "inc-gone".getBytes(StandardCharsets.UTF_8), null);
    long goodOffset =
        kafka.send(topics.incidents(), IncidentFixtures.incident("exec-reverse-shell", good));
    startLoop(Map.of());

    await().atMost(WAIT).until(() -> committed() == goodOffset + 1);
    assertThat(webhook.requests())
        .extracting(RecordingWebhook.Request::incidentId)
        .containsExactly(good);
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.deadLetter())) {
      ConsumerRecord<byte[], byte[]> letter =
          reader.awaitRecords(read -> !read.isEmpty(), WAIT).get(0);
      assertThat(letter.key()).isEqualTo(garbageKey);
      assertThat(letter.value()).isEqualTo(garbage);
      assertThat(header(letter, "palisade.dlt.origin"))
          .isEqualTo(topics.incidents().name() + "/0/0");
      assertThat(header(letter, "palisade.dlt.topic")).isEqualTo(topics.incidents().name());
      assertThat(header(letter, "palisade.dlt.partition")).isEqualTo("0");
      assertThat(header(letter, "palisade.dlt.offset")).isEqualTo("0");
      assertThat(header(letter, "palisade.dlt.service")).isEqualTo("alert-notifier");
      assertThat(header(letter, "palisade.dlt.reason")).isEqualTo("deserialization");
      assertThat(header(letter, "palisade.dlt.error")).contains("cannot decode Incident");
      assertThat(header(letter, "ce_type")).isEqualTo(topics.deadLetter().eventType());
      assertThat(header(letter, "ce_id")).isEqualTo(topics.incidents().name() + "/0/0");
      assertThat(header(letter, "ce_source")).isEqualTo("/palisade/alert-notifier/it-cluster");
    }
    assertThat(attempts(good, 1))
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
              assertThat(attempt.getCluster()).isEqualTo("prod-eu");
            });
    assertThat(meters.find(DeliveryMetrics.DEAD_LETTERS).counter().count()).isEqualTo(1);
  }

  @Test
  void recordsARejectedIncidentAsFailedOnceAndMovesOn() throws Exception {
    String rejected = "inc-rejected-" + run;
    String next = "inc-after-rejected-" + run;
    webhook.script(rejected, Response.status(400));
    kafka.send(topics.incidents(), IncidentFixtures.incident("merged-incident", rejected));
    long nextOffset =
        kafka.send(topics.incidents(), IncidentFixtures.incident("merged-incident", next));
    startLoop(Map.of());

    await().atMost(WAIT).until(() -> committed() == nextOffset + 1);
    assertThat(webhook.requestsFor(rejected)).hasSize(1);
    assertThat(webhook.requestsFor(next)).hasSize(1);
    assertThat(attempts(rejected, 1))
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
              assertThat(attempt.getStatusCode()).isEqualTo(400);
              assertThat(attempt.getAttempt()).isEqualTo(1);
            });
    assertThat(attemptsCounted("failed")).isEqualTo(1);
    assertThat(attemptsCounted("delivered")).isEqualTo(1);
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.deadLetter())) {
      ConsumerRecord<byte[], byte[]> letter =
          reader.awaitRecords(read -> !read.isEmpty(), WAIT).get(0);
      assertThat(header(letter, "palisade.dlt.reason")).isEqualTo("receiver-rejected");
      assertThat(header(letter, "palisade.dlt.error")).startsWith("webhook: HTTP 400");
      assertThat(header(letter, "palisade.dlt.offset")).isEqualTo("0");
      assertThat(
              topics
                  .incidents()
                  .valueSerde()
                  .deserializer()
                  .deserialize("t", letter.value())
                  .getId())
          .isEqualTo(rejected);
    }
  }

  @Test
  void givesUpAfterTheConfiguredTimeAndDeadLettersTheIncident() throws Exception {
    String failing = "inc-always-503-" + run;
    Response[] unavailable = new Response[20];
    java.util.Arrays.fill(unavailable, Response.status(503));
    webhook.script(failing, unavailable);
    long offset =
        kafka.send(topics.incidents(), IncidentFixtures.incident("exec-reverse-shell", failing));
    startLoop(
        Map.of(),
        new Backoff(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            0,
            Duration.ofSeconds(1)));

    await().atMost(WAIT).until(() -> committed() == offset + 1);
    assertThat(webhook.requestsFor(failing).size()).isGreaterThan(1);
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.deadLetter())) {
      ConsumerRecord<byte[], byte[]> letter =
          reader.awaitRecords(read -> !read.isEmpty(), WAIT).get(0);
      assertThat(header(letter, "palisade.dlt.reason")).isEqualTo("receiver-rejected");
      assertThat(header(letter, "palisade.dlt.error"))
          .startsWith("webhook: gave up after PT1S: HTTP 503");
    }
  }

  @Test
  void waitsOutRetryAfterWhileStayingInTheGroup() throws Exception {
    String id = "inc-rate-limited-" + run;
    webhook.script(id, Response.status(429).retryAfter("3"));
    long offset =
        kafka.send(topics.incidents(), IncidentFixtures.incident("exec-reverse-shell", id));
    // the wait is longer than max.poll.interval.ms: only a consumer that keeps polling keeps its
    // partition (and its attempt count) through it
    startLoop(Map.of("max.poll.interval.ms", "2000"));

    await().atMost(WAIT).until(() -> committed() == offset + 1);
    List<RecordingWebhook.Request> received = webhook.requestsFor(id);
    assertThat(received).hasSize(2);
    assertThat(Duration.between(received.get(0).receivedAt(), received.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(attempts(id, 2))
        .extracting(NotificationRecord::getAttempt, NotificationRecord::getOutcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, DeliveryOutcome.FAILED),
            org.assertj.core.groups.Tuple.tuple(2, DeliveryOutcome.DELIVERED));
    assertThat(attemptsCounted("retrying")).isEqualTo(1);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
