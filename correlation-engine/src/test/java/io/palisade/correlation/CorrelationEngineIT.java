package io.palisade.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.IncidentActionType;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.AuditEvents;
import io.palisade.correlation.support.FalcoAlerts;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The whole engine on a real broker: a garbage record, then an exec into a pod (audit) and a Falco
 * alert in the same pod, with CloudEvents headers as the ingesters write them. Both Kafka Streams
 * applications run exactly-once through the binder; the incident must carry both signals.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=correlation-engine", "palisade.cluster=it"})
// closes both Kafka Streams apps after this class, while the shared broker is still up
@DirtiesContext
class CorrelationEngineIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String CLUSTER = "it-cluster";
  private static final TopicNames NAMES =
      new TopicNames(
          "it-audit-" + RUN,
          "it-admission-" + RUN,
          "it-runtime-" + RUN,
          "it-signals-" + RUN,
          "it-incidents-" + RUN,
          "it-notifications-" + RUN,
          "it-deadletter-" + RUN,
          "it-actions-" + RUN);
  private static final PalisadeTopics TOPICS = new PalisadeTopics(NAMES);
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.streams.application-id-prefix", () -> "it-" + RUN);
    registry.add(
        "palisade.streams.state-dir",
        () -> Path.of("target", "it-state", RUN).toAbsolutePath().toString());
    registry.add("palisade.topics.audit", NAMES::audit);
    registry.add("palisade.topics.admission", NAMES::admission);
    registry.add("palisade.topics.runtime", NAMES::runtime);
    registry.add("palisade.topics.signals", NAMES::signals);
    registry.add("palisade.topics.incidents", NAMES::incidents);
    registry.add("palisade.topics.notifications", NAMES::notifications);
    registry.add("palisade.topics.dead-letter", NAMES::deadLetter);
    registry.add("palisade.topics.incident-actions", NAMES::incidentActions);
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
  }

  @Test
  void garbageIsDeadLetteredAndExecPlusFalcoAlertBecomeOneIncident() throws Exception {
    AuditEvent exec = execInto("default", "kubecon");
    RuntimeAlert shell = FalcoAlerts.fixture("terminal-shell-critical", CLUSTER);

    try (KafkaProducer<byte[], byte[]> raw = producer(TOPICS.deadLetter())) {
      raw.send(
              new ProducerRecord<>(
                  NAMES.audit(), bytes("garbage"), bytes("this is not an audit event")))
          .get();
    }
    try (KafkaProducer<String, AuditEvent> audit = producer(TOPICS.audit());
        KafkaProducer<String, RuntimeAlert> runtime = producer(TOPICS.runtime())) {
      audit
          .send(
              CloudEventHeaders.record(
                  TOPICS.audit(),
                  "it-cluster/default/pods/kubecon",
                  exec,
                  event(exec.getId(), "audit-ingester", TOPICS.audit(), exec.getEventTime())))
          .get();
      runtime
          .send(
              CloudEventHeaders.record(
                  TOPICS.runtime(),
                  "it-cluster/default/kubecon",
                  shell,
                  event(shell.getId(), "runtime-ingester", TOPICS.runtime(), shell.getEventTime())))
          .get();
    }

    try (TopicReader<String, Incident> incidents =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.incidents())) {
      List<ConsumerRecord<String, Incident>> records =
          incidents.awaitRecords(
              read -> read.stream().anyMatch(r -> r.value().getSignalCount() == 2), PATIENCE);
      ConsumerRecord<String, Incident> record =
          records.stream().filter(r -> r.value().getSignalCount() == 2).findFirst().orElseThrow();
      Incident incident = record.value();
      assertThat(record.key()).isEqualTo(incident.getId());
      assertThat(incident.getStatus()).isEqualTo(IncidentStatus.OPEN);
      assertThat(incident.getCluster()).isEqualTo(CLUSTER);
      assertThat(incident.getSources())
          .containsExactly(EvidenceSource.AUDIT, EvidenceSource.RUNTIME);
      // the built-in pack's rules (both medium): the headline is one of them, by the one actor
      assertThat(incident.getTitle())
          .isIn(
              "Exec Or Attach Into A Pod by alice",
              "Falco: Interactive Shell In A Container by alice");
      assertThat(incident.getSignals())
          .extracting(s -> s.getTitle())
          .containsExactly("Exec Or Attach Into A Pod", "Falco: Interactive Shell In A Container");
      CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
      assertThat(event.type()).isEqualTo("io.palisade.incident.v1");
      assertThat(event.id()).isEqualTo(incident.getId() + "/" + incident.getVersion());

      // an analyst's action on the actions topic (correlate-in-1) changes the same incident
      IncidentAction acknowledge =
          IncidentAction.newBuilder()
              .setId("it-ack-" + RUN)
              .setCluster(CLUSTER)
              .setIncidentId(incident.getId())
              .setTime(incident.getLastSeen())
              .setType(IncidentActionType.ACKNOWLEDGE)
              .setActor("bob")
              .build();
      try (KafkaProducer<String, IncidentAction> actions = producer(TOPICS.incidentActions())) {
        actions
            .send(
                new ProducerRecord<>(
                    NAMES.incidentActions(),
                    null,
                    acknowledge.getTime().toEpochMilli(),
                    CLUSTER,
                    acknowledge))
            .get();
      }
      Incident acknowledged =
          incidents
              .awaitRecords(
                  read -> read.stream().anyMatch(r -> "bob".equals(r.value().getAcknowledgedBy())),
                  PATIENCE)
              .stream()
              .map(ConsumerRecord::value)
              .filter(value -> "bob".equals(value.getAcknowledgedBy()))
              .findFirst()
              .orElseThrow();
      assertThat(acknowledged.getId()).isEqualTo(incident.getId());
      assertThat(acknowledged.getVersion()).isGreaterThan(incident.getVersion());
    }

    try (TopicReader<String, Signal> signals =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.signals())) {
      assertThat(signals.awaitRecords(read -> read.size() >= 2, PATIENCE))
          .allSatisfy(
              r -> {
                assertThat(r.key()).isEqualTo(CLUSTER);
                assertThat(CloudEventHeaders.read(r.headers()))
                    .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(r.value().getId()));
              });
    }

    try (TopicReader<byte[], byte[]> deadLetters =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.deadLetter())) {
      ConsumerRecord<byte[], byte[]> letter =
          deadLetters.awaitRecords(read -> !read.isEmpty(), PATIENCE).get(0);
      assertThat(letter.value()).isEqualTo(bytes("this is not an audit event"));
      assertThat(header(letter, DeadLetter.TOPIC)).isEqualTo(NAMES.audit());
      assertThat(header(letter, DeadLetter.OFFSET)).isEqualTo("0");
      assertThat(header(letter, DeadLetter.SERVICE)).isEqualTo("correlation-engine");
      assertThat(header(letter, DeadLetter.REASON)).isEqualTo("deserialization");
      assertThat(header(letter, DeadLetter.ORIGIN)).isEqualTo(NAMES.audit() + "/0/0");
      assertThat(CloudEventHeaders.read(letter.headers()))
          .hasValueSatisfying(
              e -> {
                assertThat(e.type()).isEqualTo("io.palisade.deadletter.v1");
                assertThat(e.source().toString()).isEqualTo("/palisade/correlation-engine/it");
              });
    }
  }

  @Test
  void healthIsUpOnceBothStreamsRun() {
    RestClient http = RestClient.create("http://127.0.0.1:" + port);

    Awaitility.await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(http.get().uri("/actuator/health").retrieve().body(String.class))
                    .contains("\"status\":\"UP\""));
  }

  @Test
  void bothFunctionsRunExactlyOnceUnderTheirOwnApplicationIds() {
    Map<String, StreamsBuilderFactoryBean> factories =
        context.getBeansOfType(StreamsBuilderFactoryBean.class);

    assertThat(factories.values())
        .extracting(f -> f.getStreamsConfiguration().get(StreamsConfig.APPLICATION_ID_CONFIG))
        .containsExactlyInAnyOrder("it-" + RUN + "-detect", "it-" + RUN + "-correlate");
    assertThat(factories.values())
        .allSatisfy(
            f ->
                assertThat(
                        f.getStreamsConfiguration().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                    .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2));
  }

  /** The real exec fixture, moved into this test's cluster, user and pod. */
  private static AuditEvent execInto(String namespace, String pod) {
    AuditEvent fixture = AuditEvents.fixture("exec-pod", CLUSTER);
    fixture.getUser().setUsername("alice");
    fixture.getObjectRef().setNamespace(namespace);
    fixture.getObjectRef().setName(pod);
    // ten seconds before the shell that Falco reports in the same pod
    fixture.setEventTime(Instant.parse("2023-05-25T13:43:55Z"));
    return fixture;
  }

  private static CloudEvent event(String id, String service, Topic<?, ?> topic, Instant time) {
    return new CloudEvent(id, CloudEvent.sourceOf(service, CLUSTER), topic.eventType(), time, null);
  }

  private static <K, V> KafkaProducer<K, V> producer(Topic<K, V> topic) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaBrokerExtension.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        topic.keySerde().serializer(),
        topic.valueSerde().serializer());
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
