package io.palisade.notify.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.Incident;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.delivery.KafkaSettings;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-team topic receiver against the real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaTopicReceiverIT {

  private final String teamTopic = "it.incidents.team-payments." + UUID.randomUUID();
  private final Topic<String, Incident> incidents = PalisadeTopics.withDefaultNames().incidents();
  private final KafkaSettings settings =
      new KafkaSettings(
          KafkaBrokerExtension.bootstrapServers(), "unused", "earliest", Map.of(), Map.of());
  private KafkaTopicReceiver receiver;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private KafkaTopicReceiver receiverFor(String topic) {
    receiver =
        new KafkaTopicReceiver(
            new KafkaProducer<>(settings.producerConfig()),
            incidents,
            new KafkaTopicProperties(topic, Duration.ofSeconds(30)));
    return receiver;
  }

  @Test
  void republishesTheIncidentVersionToTheTeamsTopic() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerExtension.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(teamTopic, 1, (short) 1))).all().get();
    }
    Incident incident = IncidentFixtures.incident("exec-reverse-shell");

    DeliveryResult result = receiverFor(teamTopic).deliver(incident);

    assertThat(result.delivered()).isTrue();
    Topic<String, Incident> team =
        new Topic<>(
            teamTopic, incidents.keySerde(), incidents.valueSerde(), true, incidents.eventType());
    try (var reader = new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), team)) {
      ConsumerRecord<String, Incident> copy =
          reader.awaitRecords(read -> !read.isEmpty(), Duration.ofSeconds(60)).get(0);
      assertThat(copy.key()).isEqualTo(incident.getId());
      assertThat(copy.value()).isEqualTo(incident);
      assertThat(CloudEventHeaders.read(copy.headers()))
          .hasValueSatisfying(
              event -> {
                assertThat(event.id()).isEqualTo("inc-prod-eu-7f3c2a91/4");
                assertThat(event.type()).isEqualTo(incidents.eventType());
              });
    }
  }

  @Test
  void anInvalidTopicNameIsAPermanentFailure() throws Exception {
    DeliveryResult result =
        receiverFor("not a valid topic!").deliver(IncidentFixtures.incident("merged-incident"));

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.REJECTED);
    assertThat(result.error()).contains("not a valid topic!");
  }
}
