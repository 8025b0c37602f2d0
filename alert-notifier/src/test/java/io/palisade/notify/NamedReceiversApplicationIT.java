package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.palisade.avro.NotificationRecord;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two Slack webhooks (the SOC's channel and the payments team's), each a named instance against its
 * own HTTP server, routed differently: each gets only its incidents, from its own consumer group,
 * under its own name in the delivery log, and neither webhook's secret path ever reaches a log
 * line.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=alert-notifier",
      "palisade.notifier.rate-limits.slack-payments=5",
      "palisade.notifier.routing.receivers[0]=slack-soc",
      "palisade.notifier.routing.routes[0].name=payments",
      "palisade.notifier.routing.routes[0].matchers[0]=id=~inc-pay-.*",
      "palisade.notifier.routing.routes[0].receivers[0]=slack-payments",
      "palisade.notifier.routing.routes[1].name=markers",
      "palisade.notifier.routing.routes[1].matchers[0]=id=~inc-marker-.*",
      "palisade.notifier.routing.routes[1].receivers[0]=slack-soc",
      "palisade.notifier.routing.routes[1].receivers[1]=slack-payments"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NamedReceiversApplicationIT {

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String GROUP = "it-named-" + RUN;
  static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              null,
              null,
              null,
              null,
              "it.named.incidents." + RUN,
              "it.named.notifications." + RUN,
              "it.named.deadletter." + RUN,
              null));
  static final RecordingWebhook SOC = RecordingWebhook.start();
  static final RecordingWebhook PAYMENTS = RecordingWebhook.start();
  static final String SOC_SECRET = "socchannelsecret1";
  static final String PAYMENTS_SECRET = "paymentschannelsecret2";
  static final ListAppender<ILoggingEvent> LOG_LINES = new ListAppender<>();
  static final Logger PALISADE_LOGGER = (Logger) LoggerFactory.getLogger("io.palisade");
  static Level previousLevel;
  static IncidentTopicClient kafka;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.incidents", () -> TOPICS.incidents().name());
    registry.add("palisade.topics.notifications", () -> TOPICS.notifications().name());
    registry.add("palisade.topics.dead-letter", () -> TOPICS.deadLetter().name());
    registry.add("palisade.notifier.consumer-group", () -> GROUP);
    registry.add(
        "palisade.notifier.receivers.slack.slack-soc.url",
        () -> SOC.url("/services/T0/B1/" + SOC_SECRET).toString());
    registry.add(
        "palisade.notifier.receivers.slack.slack-payments.url",
        () -> PAYMENTS.url("/services/T0/B2/" + PAYMENTS_SECRET).toString());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
    kafka = new IncidentTopicClient(KafkaBrokerExtension.bootstrapServers());
  }

  /** Once the context runs (Spring Boot resets logback while it starts). */
  @BeforeEach
  void captureLogs() {
    previousLevel = PALISADE_LOGGER.getLevel();
    PALISADE_LOGGER.setLevel(Level.DEBUG);
    LOG_LINES.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOG_LINES);
  }

  @AfterEach
  void stopCapturing() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOG_LINES);
    PALISADE_LOGGER.setLevel(previousLevel);
  }

  @AfterAll
  static void close() {
    kafka.close();
    SOC.close();
    PAYMENTS.close();
  }

  private static List<RecordingWebhook.Request> at(RecordingWebhook server, String incidentId) {
    return server.requests().stream()
        .filter(request -> request.body().contains(incidentId))
        .toList();
  }

  @Test
  void eachSlackInstanceGetsOnlyItsIncidentsUnderItsOwnName() throws Exception {
    Duration wait = Duration.ofSeconds(60);
    String payments = "inc-pay-" + RUN;
    String soc = "inc-soc-" + RUN;
    String marker = "inc-marker-" + RUN;
    kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", payments));
    kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", soc));
    kafka.send(TOPICS.incidents(), IncidentFixtures.incident("exec-reverse-shell", marker));

    await().atMost(wait).until(() -> !at(SOC, marker).isEmpty());
    await().atMost(wait).until(() -> !at(PAYMENTS, marker).isEmpty());
    assertThat(at(SOC, soc)).hasSize(1);
    assertThat(at(SOC, payments)).isEmpty();
    assertThat(at(PAYMENTS, payments)).hasSize(1);
    assertThat(at(PAYMENTS, soc)).isEmpty();
    assertThat(SOC.requests()).allMatch(r -> r.path().endsWith(SOC_SECRET));
    assertThat(PAYMENTS.requests()).allMatch(r -> r.path().endsWith(PAYMENTS_SECRET));

    // each instance has its own consumer group …
    await()
        .atMost(wait)
        .until(() -> kafka.committed(GROUP + ".slack-soc", TOPICS.incidents().name()) == 3);
    await()
        .atMost(wait)
        .until(() -> kafka.committed(GROUP + ".slack-payments", TOPICS.incidents().name()) == 3);
    // … and its own name in the delivery log
    List<NotificationRecord> delivered;
    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.notifications())) {
      delivered =
          reader
              .awaitRecords(
                  read ->
                      read.stream().filter(r -> r.value().getIncidentId().equals(marker)).count()
                          >= 2,
                  wait)
              .stream()
              .map(ConsumerRecord::value)
              .toList();
    }
    assertThat(delivered)
        .filteredOn(record -> record.getIncidentId().equals(payments))
        .extracting(NotificationRecord::getReceiver)
        .containsExactly("slack-payments");
    assertThat(delivered)
        .filteredOn(record -> record.getIncidentId().equals(soc))
        .extracting(NotificationRecord::getReceiver)
        .containsExactly("slack-soc");
    assertThat(delivered)
        .filteredOn(record -> record.getIncidentId().equals(marker))
        .extracting(NotificationRecord::getReceiver)
        .containsExactlyInAnyOrder("slack-soc", "slack-payments");

    assertThat(LOG_LINES.list).isNotEmpty();
    for (ILoggingEvent line : List.copyOf(LOG_LINES.list)) {
      for (String secret : List.of(SOC_SECRET, PAYMENTS_SECRET)) {
        assertThat(line.getFormattedMessage()).doesNotContain(secret);
        if (line.getThrowableProxy() != null) {
          assertThat(ThrowableProxyUtil.asString(line.getThrowableProxy())).doesNotContain(secret);
        }
      }
    }
    for (NotificationRecord record : delivered) {
      assertThat(String.valueOf(record)).doesNotContain(SOC_SECRET).doesNotContain(PAYMENTS_SECRET);
    }
  }
}
