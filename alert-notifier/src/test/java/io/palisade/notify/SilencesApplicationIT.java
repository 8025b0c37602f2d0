package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.avro.DeliveryOutcome;
import io.palisade.avro.NotificationRecord;
import io.palisade.notify.silence.SilenceStore;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
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

/** Silences through the API, shared through Kafka, and applied to deliveries. */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=alert-notifier"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SilencesApplicationIT {

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String SILENCES = "it.silences." + RUN;
  static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.silenced.incidents." + RUN,
              "it.silenced.notifications." + RUN,
              "it.silenced.deadletter." + RUN,
              null));
  static final RecordingWebhook WEBHOOK = RecordingWebhook.start();
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
    registry.add("palisade.notifier.consumer-group", () -> "it-silences-" + RUN);
    registry.add("palisade.notifier.silences-topic", () -> SILENCES);
    registry.add("palisade.notifier.webhook.url", () -> WEBHOOK.url("/hook").toString());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
    WEBHOOK.close();
  }

  @Test
  void aSilenceHoldsBackMatchingIncidentsRecordsThemAndIsSharedThroughKafka() throws Exception {
    // the notifier starts consuming (and reading silences) in the background
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/silences").statusCode() == 200);

    HttpResponse<String> invalid =
        send("POST", "/api/silences", "{\"matchers\":[],\"endsAt\":\"2020-01-01T00:00:00Z\"}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("at least one matcher", "author is required");

    HttpResponse<String> created =
        send(
            "POST",
            "/api/silences",
            "{\"matchers\":[\"namespace=shop\",\"severity>=HIGH\"],"
                + "\"endsAt\":\"2099-01-01T00:00:00Z\",\"author\":\"bob\","
                + "\"comment\":\"planned pentest\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json.readTree(created.body()).get("id").stringValue();
    JsonNode dryRun =
        json.readTree(
            send(
                    "POST",
                    "/api/routing/dry-run",
                    IncidentFixtures.expectedPayload("exec-reverse-shell"))
                .body());
    assertThat(dryRun.get("silencedBy").stringValue()).isEqualTo(id);
    JsonNode listed = json.readTree(get("/api/silences").body());
    assertThat(listed.get(0).get("id").stringValue()).isEqualTo(id);
    assertThat(listed.get(0).get("comment").stringValue()).isEqualTo("planned pentest");

    String silenced = "inc-silenced-" + RUN;
    String other = "inc-not-silenced-" + RUN;
    kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", silenced));
    kafka.send(TOPICS.incidents(), IncidentFixtures.open("merged-incident", other));

    await().atMost(Duration.ofSeconds(60)).until(() -> WEBHOOK.requestsFor(other).size() == 1);
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.notifications())) {
      List<NotificationRecord> records =
          reader
              .awaitRecords(
                  read -> read.stream().anyMatch(r -> r.value().getIncidentId().equals(silenced)),
                  Duration.ofSeconds(60))
              .stream()
              .map(ConsumerRecord::value)
              .filter(record -> record.getIncidentId().equals(silenced))
              .toList();
      assertThat(records)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.getOutcome()).isEqualTo(DeliveryOutcome.SILENCED);
                assertThat(record.getError()).contains(id, "bob");
                assertThat(record.getReason()).isEqualTo("NEW");
                assertThat(record.getLatencyMs()).isNull();
              });
    }
    assertThat(WEBHOOK.requestsFor(silenced)).isEmpty();

    // another replica reading the same topic sees the same silence
    try (SilenceStore replica = replica()) {
      assertThat(replica.all()).extracting(s -> s.id()).containsExactly(id);
    }

    assertThat(send("DELETE", "/api/silences/" + id, null).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", "/api/silences/" + id, null).statusCode()).isEqualTo(404);
    assertThat(json.readTree(get("/api/silences").body()).size()).isZero();
  }

  private static SilenceStore replica() throws InterruptedException {
    Map<String, Object> reader = new HashMap<>();
    reader.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
    reader.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    reader.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    Map<String, Object> writer = new HashMap<>();
    writer.put("bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
    writer.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    writer.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return new SilenceStore(
            SILENCES,
            () -> new KafkaConsumer<>(reader),
            () -> new KafkaProducer<>(writer),
            Clock.systemUTC())
        .start(Duration.ofSeconds(60));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
