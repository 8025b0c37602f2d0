package io.palisade.notify.config;

import io.palisade.notify.email.EmailProperties;
import io.palisade.notify.kafkatopic.KafkaTopicProperties;
import io.palisade.notify.opsgenie.OpsgenieProperties;
import io.palisade.notify.pagerduty.PagerDutyProperties;
import io.palisade.notify.slack.SlackProperties;
import io.palisade.notify.teams.TeamsProperties;
import io.palisade.notify.webhook.WebhookProperties;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code palisade.notifier.receivers.<kind>.<name>.*}: named receiver instances, several per kind,
 * e.g. {@code palisade.notifier.receivers.slack.slack-soc.url} and {@code
 * palisade.notifier.receivers.slack.slack-payments.url}. Each instance takes the same keys as its
 * kind's single-instance block ({@code palisade.notifier.slack.*}), and its name is what routes,
 * the delivery log and the metrics use. Unknown kinds or keys stop the service (a typo must not
 * silently leave a team without alerts).
 */
@ConfigurationProperties(prefix = "palisade.notifier.receivers", ignoreUnknownFields = false)
public record ReceiverInstancesProperties(
    Map<String, WebhookProperties> webhook,
    Map<String, SlackProperties> slack,
    Map<String, TeamsProperties> teams,
    Map<String, PagerDutyProperties> pagerduty,
    Map<String, OpsgenieProperties> opsgenie,
    Map<String, EmailProperties> email,
    Map<String, KafkaTopicProperties> kafkaTopic) {

  public ReceiverInstancesProperties {
    webhook = sorted(webhook);
    slack = sorted(slack);
    teams = sorted(teams);
    pagerduty = sorted(pagerduty);
    opsgenie = sorted(opsgenie);
    email = sorted(email);
    kafkaTopic = sorted(kafkaTopic);
  }

  private static <P> Map<String, P> sorted(Map<String, P> instances) {
    return instances == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(instances));
  }
}
