package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.avro.DeliveryOutcome;
import io.palisade.avro.Incident;
import io.palisade.avro.NotificationRecord;
import io.palisade.notify.RecordingWebhook.Response;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The service as deployed: Spring context, real broker, real HTTP receiver. */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=alert-notifier",
      "palisade.notifier.webhook.bearer-token=" + AlertNotifierApplicationIT.TOKEN,
      "palisade.notifier.webhook.timeout=30s"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertNotifierApplicationIT {

  static final String TOKEN = "it-bearer-7c1d2e3f4a5b";
  static final String QUERY_SECRET = "it-sig-9a8b7c6d";
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String GROUP = "it-alert-notifier-" + RUN;
  static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.app.incidents." + RUN,
              "it.app.notifications." + RUN,
              "it.app.deadletter." + RUN,
              null));
  static final RecordingWebhook WEBHOOK = RecordingWebhook.start();
  static final Duration WAIT = Duration.ofSeconds(60);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static IncidentTopicClient kafka;
  static TopicReader<String, NotificationRecord> notifications;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  private final JsonMapper json = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.incidents", () -> TOPICS.incidents().name());
    registry.add("palisade.topics.notifications", () -> TOPICS.notifications().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
    registry.add("palisade.notifier.consumer-group", () -> GROUP);
    registry.add(
        "palisade.notifier.webhook.url",
        () -> WEBHOOK.url("/hooks/palisade?sig=" + QUERY_SECRET).toString());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
    notifications =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.notifications());
  }

  @AfterAll
  static void closeClients() {
    notifications.close();
    kafka.close();
    WEBHOOK.close();
  }

  @Test
  @Order(1)
  void postsAnIncidentOnceLogsTheDeliveryAndCommitsItsOffset() throws Exception {
    Incident incident = IncidentFixtures.incident("exec-reverse-shell");

    long offset = kafka.send(TOPICS.incidents(), incident);

    await()
        .atMost(WAIT)
        .until(() -> kafka.committed(GROUP + ".webhook", TOPICS.incidents().name()) == offset + 1);
    List<RecordingWebhook.Request> received = WEBHOOK.requestsFor(incident.getId());
    assertThat(received).hasSize(1);
    RecordingWebhook.Request request = received.get(0);
    assertThat(json.readTree(request.body()))
        .isEqualTo(json.readTree(IncidentFixtures.expectedPayload("exec-reverse-shell")));
    assertThat(request.path()).isEqualTo("/hooks/palisade");
    assertThat(request.query()).isEqualTo("sig=" + QUERY_SECRET);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).isEqualTo("palisade-alert-notifier");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);

    ConsumerRecord<String, NotificationRecord> logged = awaitAttempts(incident.getId(), 1).get(0);
    NotificationRecord record = logged.value();
    assertThat(logged.key()).isEqualTo(incident.getId());
    assertThat(record.getId()).isEqualTo(incident.getId() + "/4/webhook/1");
    assertThat(record.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    assertThat(record.getStatusCode()).isEqualTo(200);
    assertThat(record.getIncidentVersion()).isEqualTo(4);
    assertThat(record.getIngestTime()).isEqualTo(incident.getIngestTime());
    assertThat(record.getEventTime()).isAfterOrEqualTo(request.receivedAt().minusSeconds(1));
    CloudEvent event = CloudEventHeaders.read(logged.headers()).orElseThrow();
    assertThat(event.type()).isEqualTo(TOPICS.notifications().eventType());
    assertThat(event.source()).isEqualTo(URI.create("/palisade/alert-notifier/prod-eu"));
    assertThat(event.id()).isEqualTo(record.getId());
  }

  @Test
  @Order(2)
  void retriesA503UntilDeliveredAndCommitsOnlyAfterThe200() throws Exception {
    String id = "inc-it-retry-" + RUN;
    CountDownLatch releaseThird = new CountDownLatch(1);
    WEBHOOK.script(
        id,
        Response.status(503).echoingSecrets(),
        Response.status(503).echoingSecrets(),
        Response.status(200).heldBy(releaseThird));

    long offset =
        kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", id));
    try {
      await().atMost(WAIT).until(() -> WEBHOOK.requestsFor(id).size() == 3);
      // two attempts failed and were logged; the third is in flight: nothing may be committed yet
      List<NotificationRecord> failed = values(awaitAttempts(id, 2));
      assertThat(failed).extracting(NotificationRecord::getAttempt).containsExactly(1, 2);
      assertThat(failed)
          .allSatisfy(
              attempt -> {
                assertThat(attempt.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
                assertThat(attempt.getStatusCode()).isEqualTo(503);
                assertThat(attempt.getError())
                    .startsWith("HTTP 503")
                    .doesNotContain(TOKEN, QUERY_SECRET);
              });
      assertThat(kafka.committed(GROUP + ".webhook", TOPICS.incidents().name()))
          .isLessThanOrEqualTo(offset);
    } finally {
      releaseThird.countDown();
    }

    await()
        .atMost(WAIT)
        .until(() -> kafka.committed(GROUP + ".webhook", TOPICS.incidents().name()) == offset + 1);
    List<NotificationRecord> attempts = values(awaitAttempts(id, 3));
    assertThat(attempts)
        .extracting(NotificationRecord::getOutcome)
        .containsExactly(DeliveryOutcome.FAILED, DeliveryOutcome.FAILED, DeliveryOutcome.DELIVERED);
    List<RecordingWebhook.Request> received = WEBHOOK.requestsFor(id);
    assertThat(Duration.between(received.get(0).receivedAt(), received.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    assertThat(Duration.between(received.get(1).receivedAt(), received.get(2).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

    // the next incident behind it gets through, and the delivered one is not sent again
    String next = "inc-it-after-retry-" + RUN;
    kafka.send(TOPICS.incidents(), IncidentFixtures.open("merged-incident", next));
    await().atMost(WAIT).until(() -> WEBHOOK.requestsFor(next).size() == 1);
    assertThat(WEBHOOK.requestsFor(id)).hasSize(3);
  }

  @Test
  @Order(3)
  void servesLivenessAndPrometheusMetrics() throws Exception {
    HttpResponse<String> liveness = get("/actuator/health/liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).contains("\"UP\"");

    HttpResponse<String> prometheus = get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("palisade_notifier_deliveries_total{outcome=\"delivered\",receiver=\"webhook\"}")
        .contains(
            "palisade_notifier_deliveries_total{outcome=\"retrying\",receiver=\"webhook\"} 2.0")
        .contains("palisade_notifier_delivery_latency_seconds_count{receiver=\"webhook\"}")
        .contains("palisade_notifier_dead_letters_total");
  }

  @Test
  @Order(4)
  void stopsCleanlyAndLeavesTheGroupWhenTheContextStopsIt() throws Exception {
    Lifecycle consumer = context.getBean("incidentConsumer", Lifecycle.class);
    assertThat(consumer.isRunning()).isTrue();
    assertThat(kafka.members(GROUP + ".webhook")).isEqualTo(1);

    consumer.stop(); // what closing the context does to this SmartLifecycle

    assertThat(consumer.isRunning()).isFalse();
    await().atMost(WAIT).until(() -> kafka.members(GROUP + ".webhook") == 0);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<ConsumerRecord<String, NotificationRecord>> awaitAttempts(
      String incidentId, int count) {
    return notifications
        .awaitRecords(read -> forIncident(read, incidentId).size() >= count, WAIT)
        .stream()
        .filter(r -> r.value().getIncidentId().equals(incidentId))
        .toList();
  }

  private static List<ConsumerRecord<String, NotificationRecord>> forIncident(
      List<ConsumerRecord<String, NotificationRecord>> read, String incidentId) {
    return read.stream().filter(r -> r.value().getIncidentId().equals(incidentId)).toList();
  }

  private static List<NotificationRecord> values(
      List<ConsumerRecord<String, NotificationRecord>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }
}
