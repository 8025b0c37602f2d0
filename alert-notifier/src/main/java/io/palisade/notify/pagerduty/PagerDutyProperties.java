package io.palisade.notify.pagerduty;

import io.palisade.notify.receiver.Redactor;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.pagerduty.*}: PagerDuty Events API v2. Registered only when {@code
 * routing-key} is set; the key is a secret and never shown.
 *
 * @param routingKey the integration's routing key (32 characters)
 * @param url the Events API endpoint; the default is PagerDuty's, EU accounts use {@code
 *     https://events.eu.pagerduty.com/v2/enqueue}
 * @param timeout how long one POST may take
 */
@ConfigurationProperties("palisade.notifier.pagerduty")
public record PagerDutyProperties(
    String routingKey,
    @DefaultValue("https://events.pagerduty.com/v2/enqueue") URI url,
    @DefaultValue("10s") Duration timeout) {

  @Override
  public String toString() {
    return "PagerDutyProperties[routingKey="
        + (routingKey == null ? "none" : "[redacted]")
        + ", url="
        + Redactor.display(url)
        + ", timeout="
        + timeout
        + "]";
  }
}
