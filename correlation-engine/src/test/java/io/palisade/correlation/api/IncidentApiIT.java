package io.palisade.correlation.api;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.IncidentAction;
import io.palisade.avro.IncidentActionType;
import io.palisade.avro.Signal;
import io.palisade.correlation.CorrelationEngineApplication;
import io.palisade.correlation.deadletter.DeadLetterHandler;
import io.palisade.correlation.deadletter.ProcessingDeadLetterHandler;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the engine (same application ids, different HTTP ports) on a real broker, with
 * signals of several clusters on a four-partition signals topic, so each instance holds part of the
 * incident view. Either instance must give the same, complete answer; an action posted to one
 * becomes a record on the actions topic, keyed by the incident's cluster.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentApiIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String TOKEN = "it-api-token-" + RUN;
  private static final TopicNames NAMES =
      new TopicNames(
          "api-audit-" + RUN,
          "api-admission-" + RUN,
          "api-runtime-" + RUN,
          "api-signals-" + RUN,
          "api-incidents-" + RUN,
          "api-notifications-" + RUN,
          "api-deadletter-" + RUN,
          "api-actions-" + RUN);
  private static final PalisadeTopics TOPICS = new PalisadeTopics(NAMES);
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int CLUSTERS = 8;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private final List<String> urls = new ArrayList<>();

  @BeforeAll
  void startTwoInstances() throws IOException {
    KafkaBrokerExtension.createTopics(TOPICS, 4);
    for (String name : List.of("a", "b")) {
      int port = freePort();
      urls.add("http://127.0.0.1:" + port);
      // command-line arguments: they win over correlation-engine.yml (server.port: 8083)
      Map<String, Object> properties =
          Map.ofEntries(
              Map.entry("server.port", port),
              Map.entry("palisade.correlation.advertised-address", "127.0.0.1:" + port),
              Map.entry("palisade.cluster", "it"),
              Map.entry(
                  "palisade.kafka.bootstrap-servers", KafkaBrokerExtension.bootstrapServers()),
              Map.entry("palisade.streams.application-id-prefix", "api-" + RUN),
              Map.entry(
                  "palisade.streams.state-dir",
                  Path.of("target", "it-state", RUN, name).toAbsolutePath().toString()),
              Map.entry("palisade.intake.auth.mode", "token"),
              Map.entry("palisade.intake.auth.tokens", TOKEN),
              Map.entry("palisade.topics.audit", NAMES.audit()),
              Map.entry("palisade.topics.admission", NAMES.admission()),
              Map.entry("palisade.topics.runtime", NAMES.runtime()),
              Map.entry("palisade.topics.signals", NAMES.signals()),
              Map.entry("palisade.topics.incidents", NAMES.incidents()),
              Map.entry("palisade.topics.notifications", NAMES.notifications()),
              Map.entry("palisade.topics.dead-letter", NAMES.deadLetter()),
              Map.entry("palisade.topics.incident-actions", NAMES.incidentActions()));
      instances.add(
          CorrelationEngineApplication.builder()
              .run(
                  properties.entrySet().stream()
                      .map(e -> "--" + e.getKey() + "=" + e.getValue())
                      .toArray(String[]::new)));
    }
  }

  @AfterAll
  void stop() {
    instances.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void eitherInstanceGivesTheSameCompleteAnswer() throws Exception {
    // both instances hold part of the view before any signal arrives
    Awaitility.await()
        .atMost(PATIENCE)
        .ignoreException(ApiException.class) // 503 not-ready until both run
        .untilAsserted(
            () ->
                assertThat(instances)
                    .allSatisfy(
                        instance -> {
                          ViewHolders holders = instance.getBean(CorrelateStreams.class).holders();
                          assertThat(holders.local()).isTrue();
                          assertThat(holders.peers()).hasSize(1);
                        }));

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Signal> signals = new ArrayList<>();
    for (int c = 0; c < CLUSTERS; c++) {
      String cluster = "cluster-" + c;
      signals.add(
          signal(cluster + "-exec")
              .cluster(cluster)
              .at(now.minusSeconds(60 + c))
              .actor("alice")
              .pod("shop/web-" + c)
              .build());
      signals.add(
          signal(cluster + "-shell")
              .cluster(cluster)
              .at(now.minusSeconds(30 + c))
              .pod("shop/web-" + c)
              .build());
    }
    // cluster-merge: two incidents (a pod, an actor), then a signal naming both merges them
    signals.add(
        signal("m-pod").cluster("cluster-merge").at(now.minusSeconds(50)).pod("ops/db").build());
    signals.add(
        signal("m-actor").cluster("cluster-merge").at(now.minusSeconds(40)).actor("bob").build());
    signals.add(
        signal("m-bridge")
            .cluster("cluster-merge")
            .at(now.minusSeconds(20))
            .actor("bob")
            .pod("ops/db")
            .build());
    try (KafkaProducer<String, Signal> producer = producer()) {
      for (Signal signal : signals) {
        producer.send(new ProducerRecord<>(NAMES.signals(), signal.getCluster(), signal)).get();
      }
    }

    // CLUSTERS incidents of 2 signals, the merge survivor with 3, and the merged one
    Awaitility.await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              JsonNode all = getJson(urls.get(0) + "/api/incidents?limit=500", 200);
              assertThat(all.get("incidents")).hasSize(CLUSTERS + 2);
              assertThat(all.get("incidents"))
                  .extracting(i -> i.get("signalCount").intValue())
                  .filteredOn(count -> count == 2)
                  .hasSize(CLUSTERS);
              assertThat(all.get("incidents"))
                  .extracting(i -> i.get("status").stringValue())
                  .contains("MERGED");
            });

    JsonNode fromA = getJson(urls.get(0) + "/api/incidents?limit=500", 200);
    JsonNode fromB = getJson(urls.get(1) + "/api/incidents?limit=500", 200);
    assertThat(fromB).isEqualTo(fromA);
    assertThat(fromA.get("nextCursor").isNull()).isTrue();
    List<String> ids = new ArrayList<>();
    fromA.get("incidents").forEach(incident -> ids.add(incident.get("id").stringValue()));
    assertThat(fromA.get("incidents"))
        .extracting(i -> i.get("cluster").stringValue())
        .contains("cluster-0", "cluster-" + (CLUSTERS - 1), "cluster-merge");

    // every incident, whole, from either instance
    for (String id : ids) {
      JsonNode a = getJson(urls.get(0) + "/api/incidents/" + id, 200);
      JsonNode b = getJson(urls.get(1) + "/api/incidents/" + id, 200);
      assertThat(b).isEqualTo(a);
      assertThat(a.get("id").stringValue()).isEqualTo(id);
      assertThat(a.get("signals")).hasSize(a.get("signalCount").intValue());
      assertThat(a.get("signals").get(0).get("evidence").get("id").stringValue())
          .startsWith("evidence-");
    }

    // paging with a cursor from one instance continues on the other, in the same order
    List<String> paged = new ArrayList<>();
    String cursor = null;
    int page = 0;
    do {
      String url =
          urls.get(page % 2)
              + "/api/incidents?limit=3"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode answer = getJson(url, 200);
      answer.get("incidents").forEach(incident -> paged.add(incident.get("id").stringValue()));
      cursor = answer.get("nextCursor").isNull() ? null : answer.get("nextCursor").stringValue();
      page++;
    } while (cursor != null);
    assertThat(paged).isEqualTo(ids);

    // filters work across instances too
    JsonNode clusterThree = getJson(urls.get(1) + "/api/incidents?cluster=cluster-3", 200);
    assertThat(clusterThree.get("incidents")).hasSize(1);
    assertThat(getJson(urls.get(0) + "/api/incidents?status=MERGED", 200).get("incidents"))
        .hasSize(1);
    assertThat(getJson(urls.get(0) + "/api/incidents?entity=POD:shop/web-5", 200).get("incidents"))
        .hasSize(1);

    // errors: unknown id, bad parameter, no token
    assertThat(
            getJson(urls.get(1) + "/api/incidents/no-such-incident", 404)
                .get("reason")
                .stringValue())
        .isEqualTo("unknown-incident");
    assertThat(
            getJson(urls.get(0) + "/api/incidents?minSeverity=EXTREME", 400)
                .get("reason")
                .stringValue())
        .isEqualTo("bad-minseverity");
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(urls.get(0) + "/api/incidents")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);

    // an action on cluster-3's incident, posted to either instance, lands on the actions topic
    String target = clusterThree.get("incidents").get(0).get("id").stringValue();
    JsonNode action =
        postJson(
            urls.get(0) + "/api/incidents/" + target + "/actions",
            "{\"type\":\"ASSIGN\",\"assignee\":\"carol\",\"comment\":\"looking\"}",
            202);
    assertThat(action.get("type").stringValue()).isEqualTo("ASSIGN");
    assertThat(action.get("cluster").stringValue()).isEqualTo("cluster-3");
    assertThat(action.get("actor").stringValue()).startsWith("token:");
    try (TopicReader<String, IncidentAction> actions =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.incidentActions())) {
      ConsumerRecord<String, IncidentAction> record =
          actions.awaitRecords(read -> !read.isEmpty(), PATIENCE).get(0);
      assertThat(record.key()).isEqualTo("cluster-3");
      assertThat(record.value().getId()).isEqualTo(action.get("id").stringValue());
      assertThat(record.value().getIncidentId()).isEqualTo(target);
      assertThat(record.value().getType()).isEqualTo(IncidentActionType.ASSIGN);
      assertThat(record.value().getAssignee()).isEqualTo("carol");
    }

    // a merged incident refuses actions and names its survivor
    JsonNode merged =
        getJson(urls.get(1) + "/api/incidents?status=MERGED", 200).get("incidents").get(0);
    JsonNode conflict =
        postJson(
            urls.get(1) + "/api/incidents/" + merged.get("id").stringValue() + "/actions",
            "{\"type\":\"ACKNOWLEDGE\"}",
            409);
    assertThat(conflict.get("mergedInto").stringValue())
        .isEqualTo(merged.get("mergedInto").stringValue());
    assertThat(
            postJson(
                    urls.get(1) + "/api/incidents/" + target + "/actions",
                    "{\"type\":\"PANIC\"}",
                    400)
                .get("reason")
                .stringValue())
        .isEqualTo("bad-type");
  }

  @Test
  void bothApplicationsDeadLetterPoisonAndTheCorrelateOneAdvertisesTheApi() {
    for (int i = 0; i < instances.size(); i++) {
      String advertised = urls.get(i).substring("http://".length());
      for (StreamsBuilderFactoryBean factory :
          instances.get(i).getBeansOfType(StreamsBuilderFactoryBean.class).values()) {
        Properties config = factory.getStreamsConfiguration();
        assertThat(config.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
            .isEqualTo(DeadLetterHandler.class);
        assertThat(config.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
            .isEqualTo(ProcessingDeadLetterHandler.class);
        assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
            .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(String.valueOf(config.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)))
            .isEqualTo("0");
        if (config.get(StreamsConfig.APPLICATION_ID_CONFIG).toString().endsWith("-correlate")) {
          assertThat(config.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo(advertised);
        }
      }
    }
  }

  private JsonNode getJson(String url, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " → " + response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }

  private JsonNode postJson(String url, String body, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " → " + response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }

  private static KafkaProducer<String, Signal> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaBrokerExtension.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        TOPICS.signals().keySerde().serializer(),
        TOPICS.signals().valueSerde().serializer());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
