package io.palisade.audit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.avro.AuditEvent;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.schemas.TopicProvisioner;
import io.palisade.testkit.Fixtures;
import io.palisade.testkit.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The broker goes away in the middle of a stream of webhook batches and comes back on the same
 * address with its data. The sender behaves like the API server: it retries a batch until it is
 * answered 200. While Kafka is down every batch is answered 503 within 5 s; afterwards every event
 * that was answered 200 is on the topic, and only the events of batches that were retried may be
 * there twice (with the same id, so consumers can drop the repeat).
 */
@DirtiesContext
@SpringBootTest(
    classes = AuditIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=audit-ingester",
      "palisade.cluster=outage",
      "palisade.kafka.ack-timeout=2s",
      "logging.level.kafka=ERROR",
      "logging.level.org.apache.kafka=ERROR",
      "logging.level.io.palisade.intake=ERROR"
    })
class AuditWebhookBrokerOutageIT {

  private static final Logger log = LoggerFactory.getLogger(AuditWebhookBrokerOutageIT.class);
  private static final int EVENTS_PER_BATCH = 20;
  private static final int MAX_BATCHES = 200;
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              "outage-it.audit", null, null, null, null, null, "outage-it.deadletter", null));

  private static final int PORT = freePort();
  private static final int CONTROLLER_PORT = freePort();
  @TempDir static Path dataDir;
  private static volatile EmbeddedKafkaBroker broker;

  @LocalServerPort int port;

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Every attempt's answer and how long it took, in order. */
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

  /** Batch number → how many attempts it took until 200. */
  private final Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();

  private record Attempt(int batch, int status, Duration took, String reason, boolean retryAfter) {}

  @BeforeAll
  static void startBroker() {
    broker = startBrokerOnTheSameAddress();
    TopicProvisioner.ensureTopics(broker.bootstrapServers(), TOPICS, 1, (short) 1);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
    registry.add("palisade.topics.audit", () -> TOPICS.audit().name());
  }

  @Test
  void answers503WhileKafkaIsDownAndLosesNoAcknowledgedEvent() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread apiServer = new Thread(() -> sendBatchesUntil(stop), "api-server");
    apiServer.start();
    try {
      Awaitility.await().atMost(PATIENCE).until(() -> acknowledged.size() >= 5);

      broker.close();
      Awaitility.await().atMost(PATIENCE).until(() -> count(503) >= 3);

      broker = startBrokerOnTheSameAddress();
      int acknowledgedBeforeRestart = acknowledged.size();
      Awaitility.await()
          .atMost(PATIENCE)
          .until(() -> acknowledged.size() >= acknowledgedBeforeRestart + 5);
    } finally {
      log.info("attempts: {}", attempts);
      stop.set(true);
      apiServer.join(PATIENCE.toMillis());
    }

    log.info(
        "outage: {} batches acknowledged, answers {}",
        acknowledged.size(),
        attempts.stream().collect(Collectors.groupingBy(Attempt::status, Collectors.counting())));
    assertThat(apiServer.isAlive()).isFalse();
    assertThat(attempts).extracting(Attempt::status).containsOnly(200, 503);
    assertThat(attempts)
        .filteredOn(a -> a.status() == 503)
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.took()).isLessThan(Duration.ofSeconds(5));
              assertThat(a.reason()).isEqualTo("kafka-unavailable");
              assertThat(a.retryAfter()).isTrue();
            });
    assertEveryAcknowledgedEventIsOnTheTopicAndOnlyRetriedOnesTwice();
  }

  private void assertEveryAcknowledgedEventIsOnTheTopicAndOnlyRetriedOnesTwice() {
    Set<String> expected =
        acknowledged.keySet().stream()
            .flatMap(batch -> eventIds(batch).stream())
            .collect(Collectors.toSet());
    List<ConsumerRecord<String, AuditEvent>> records;
    try (var reader = new TopicReader<>(broker.bootstrapServers(), TOPICS.audit())) {
      records =
          reader.awaitRecords(
              read -> ids(read).keySet().containsAll(expected), Duration.ofSeconds(60));
    }
    Map<String, Long> copies = ids(records);
    assertThat(copies.keySet()).containsAll(expected);
    List<String> duplicated =
        copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    Set<String> ofRetriedBatches =
        acknowledged.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .flatMap(e -> eventIds(e.getKey()).stream())
            .collect(Collectors.toSet());
    log.info(
        "outage: {} events acknowledged, {} records on the topic, {} events there twice or more",
        expected.size(),
        records.size(),
        duplicated.size());
    assertThat(ofRetriedBatches).containsAll(duplicated);
    for (String id : duplicated) {
      int batch = Integer.parseInt(id.split("-")[1]);
      assertThat(copies.get(id)).isLessThanOrEqualTo(acknowledged.get(batch).longValue());
    }
  }

  /** Like the API server's webhook backend: each batch is retried until it is answered 200. */
  private void sendBatchesUntil(AtomicBoolean stop) {
    for (int batch = 0; batch < MAX_BATCHES && !stop.get(); batch++) {
      String body = batch(batch);
      for (int attempt = 1; ; attempt++) {
        Attempt answer = post(batch, body);
        attempts.add(answer);
        if (answer.status() == 200) {
          acknowledged.put(batch, attempt);
          break;
        }
        if (answer.status() != 503 || attempts.size() > 10 * MAX_BATCHES) {
          return; // the assertions report it
        }
      }
    }
  }

  private Attempt post(int batch, String body) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audit"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      String reason =
          response.statusCode() == 200
              ? null
              : json.readTree(response.body()).path("reason").asString();
      return new Attempt(
          batch,
          response.statusCode(),
          took,
          reason,
          response.headers().firstValue("Retry-After").isPresent());
    } catch (IOException e) {
      return new Attempt(
          batch, -1, Duration.ofNanos(System.nanoTime() - start), e.toString(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(batch, -1, Duration.ZERO, "interrupted", false);
    }
  }

  private String batch(int batch) {
    ObjectNode template = (ObjectNode) json.readTree(Fixtures.text("events/exec-pod/input.json"));
    List<String> events = new ArrayList<>();
    for (String id : eventIds(batch)) {
      ObjectNode event = template.deepCopy();
      event.put("auditID", id.substring(0, id.indexOf('/')));
      event.put("stage", "ResponseComplete");
      events.add(json.writeValueAsString(event));
    }
    return EventListReaderTest.eventList(events.toArray(String[]::new));
  }

  /** The record ids (auditID/stage) of a batch: {@code outage-<batch>-<n>/ResponseComplete}. */
  private static List<String> eventIds(int batch) {
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < EVENTS_PER_BATCH; n++) {
      ids.add("outage-" + batch + "-" + n + "/ResponseComplete");
    }
    return ids;
  }

  private long count(int status) {
    return attempts.stream().filter(a -> a.status() == status).count();
  }

  private static Map<String, Long> ids(List<ConsumerRecord<String, AuditEvent>> records) {
    return records.stream()
        .map(r -> r.value().getId())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static EmbeddedKafkaBroker startBrokerOnTheSameAddress() {
    return EmbeddedKafkaBroker.builder()
        .port(PORT)
        .controllerPort(CONTROLLER_PORT)
        .dataDir(dataDir)
        .start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
