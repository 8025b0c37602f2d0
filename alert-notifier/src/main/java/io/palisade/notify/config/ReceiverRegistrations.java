package io.palisade.notify.config;

import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.webhook.WebhookProperties;
import io.palisade.notify.webhook.WebhookReceiver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * One bean per receiver kind, each enabled by its own configuration. Every {@link Receiver} bean
 * gets every incident (the routing tree will choose per incident later).
 */
@Configuration(proxyBeanMethods = false)
class ReceiverRegistrations {

  @Bean
  @ConditionalOnProperty(prefix = "palisade.notifier.webhook", name = "url")
  Receiver webhookReceiver(WebhookProperties webhook, ReceiverHttpClient http, JsonMapper json) {
    return new WebhookReceiver(webhook, http, json);
  }
}
