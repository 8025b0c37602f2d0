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
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place receivers are registered: one bean per receiver kind, each enabled by its own
 * configuration. Every {@link Receiver} bean gets every incident.
 */
@Configuration(proxyBeanMethods = false)
class ReceiverRegistrations {

  @Bean
  IncidentFacts.Links incidentLinks(NotifierProperties notifier) {
    return new IncidentFacts.Links(notifier.incidentUrl());
  }

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.webhook", name = "url")
  Receiver webhookReceiver(WebhookProperties webhook, ReceiverHttpClient http, JsonMapper json) {
    return new WebhookReceiver(webhook, http, json);
  }

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.slack", name = "url")
  Receiver slackReceiver(
      SlackProperties slack, ReceiverHttpClient http, JsonMapper json, IncidentFacts.Links links) {
    return new SlackReceiver(slack, http, json, links);
  }

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.teams", name = "url")
  Receiver teamsReceiver(
      TeamsProperties teams, ReceiverHttpClient http, JsonMapper json, IncidentFacts.Links links) {
    return new TeamsReceiver(teams, http, json, links);
  }

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.pagerduty", name = "routing-key")
  Receiver pagerDutyReceiver(
      PagerDutyProperties pagerDuty,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    return new PagerDutyReceiver(pagerDuty, http, json, links);
  }

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.opsgenie", name = "api-key")
  Receiver opsgenieReceiver(
      OpsgenieProperties opsgenie,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    return new OpsgenieReceiver(opsgenie, http, json, links);
  }

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.kafka-topic", name = "topic")
  Receiver kafkaTopicReceiver(
      KafkaTopicProperties kafkaTopic, KafkaSettings kafka, PalisadeTopics topics) {
    Map<String, Object> config = new HashMap<>(kafka.producerConfig());
    config.put(
        ProducerConfig.CLIENT_ID_CONFIG, "palisade-alert-notifier-" + KafkaTopicReceiver.NAME);
    return new KafkaTopicReceiver(new KafkaProducer<>(config), topics.incidents(), kafkaTopic);
  }

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.email", name = "host")
  Receiver emailReceiver(EmailProperties email, IncidentFacts.Links links) {
    return new EmailReceiver(email, links);
  }
}
