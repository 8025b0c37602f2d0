package io.palisade.notify.config;

import io.palisade.notify.delivery.KafkaSettings;
import io.palisade.notify.email.EmailProperties;
import io.palisade.notify.email.EmailReceiver;
import io.palisade.notify.kafkatopic.KafkaTopicProperties;
import io.palisade.notify.kafkatopic.KafkaTopicReceiver;
import io.palisade.notify.opsgenie.OpsgenieProperties;
import io.palisade.notify.opsgenie.OpsgenieReceiver;
import io.palisade.notify.pagerduty.PagerDutyProperties;
import io.palisade.notify.pagerduty.PagerDutyReceiver;
import io.palisade.notify.receiver.IncidentFacts;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.receiver.ReceiverId;
import io.palisade.notify.slack.SlackProperties;
import io.palisade.notify.slack.SlackReceiver;
import io.palisade.notify.teams.TeamsProperties;
import io.palisade.notify.teams.TeamsReceiver;
import io.palisade.notify.webhook.WebhookProperties;
import io.palisade.notify.webhook.WebhookReceiver;
import io.palisade.schemas.PalisadeTopics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place receivers are registered: one line per receiver kind, building its instances from
 * its single-instance keys ({@code palisade.notifier.<kind>.*}, enabled by its first key and named
 * after the kind) and its named instances ({@code palisade.notifier.receivers.<kind>.<name>.*}).
 * Every instance gets its own delivery loop, consumer group, rate limit and retry state.
 */
@Configuration(proxyBeanMethods = false)
class ReceiverRegistrations {

  @Bean
  IncidentFacts.Links incidentLinks(NotifierProperties notifier) {
    return new IncidentFacts.Links(notifier.incidentUrl());
  }

  @Bean
  ConfiguredReceivers configuredReceivers(
      ReceiverInstancesProperties named,
      WebhookProperties webhook,
      SlackProperties slack,
      TeamsProperties teams,
      PagerDutyProperties pagerDuty,
      OpsgenieProperties opsgenie,
      KafkaTopicProperties kafkaTopic,
      EmailProperties email,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links,
      KafkaSettings kafka,
      PalisadeTopics topics) {
    return ConfiguredReceivers.builder()
        .add(
            WebhookReceiver.NAME,
            webhook.url() == null ? null : webhook,
            named.webhook(),
            (id, properties) -> new WebhookReceiver(id, properties, http, json))
        .add(
            SlackReceiver.NAME,
            slack.url() == null ? null : slack,
            named.slack(),
            (id, properties) -> new SlackReceiver(id, properties, http, json, links))
        .add(
            TeamsReceiver.NAME,
            teams.url() == null ? null : teams,
            named.teams(),
            (id, properties) -> new TeamsReceiver(id, properties, http, json, links))
        .add(
            PagerDutyReceiver.NAME,
            pagerDuty.routingKey() == null ? null : pagerDuty,
            named.pagerduty(),
            (id, properties) -> new PagerDutyReceiver(id, properties, http, json, links))
        .add(
            OpsgenieReceiver.NAME,
            opsgenie.apiKey() == null ? null : opsgenie,
            named.opsgenie(),
            (id, properties) -> new OpsgenieReceiver(id, properties, http, json, links))
        .add(
            KafkaTopicReceiver.NAME,
            kafkaTopic.topic() == null ? null : kafkaTopic,
            named.kafkaTopic(),
            (id, properties) -> kafkaTopicReceiver(id, properties, kafka, topics))
        .add(
            EmailReceiver.NAME,
            email.host() == null ? null : email,
            named.email(),
            (id, properties) -> new EmailReceiver(id, properties, links))
        .build();
  }

  private static KafkaTopicReceiver kafkaTopicReceiver(
      ReceiverId id, KafkaTopicProperties properties, KafkaSettings kafka, PalisadeTopics topics) {
    if (properties.topic() == null || properties.topic().isBlank()) {
      throw new IllegalArgumentException(id.property("topic") + " must be set");
    }
    Map<String, Object> config = new HashMap<>(kafka.producerConfig());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "palisade-alert-notifier-" + id.name());
    return new KafkaTopicReceiver(id, new KafkaProducer<>(config), topics.incidents(), properties);
  }
}
