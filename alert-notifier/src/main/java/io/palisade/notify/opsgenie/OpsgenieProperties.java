package io.palisade.notify.opsgenie;

import io.palisade.notify.receiver.Redactor;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.opsgenie.*}: the Opsgenie Alert API. Registered only when {@code
 * api-key} is set; the key is a secret and never shown.
 *
 * @param apiKey an API integration key, sent as {@code Authorization: GenieKey …}
 * @param url the API base; EU accounts use {@code https://api.eu.opsgenie.com}
 * @param timeout how long one POST may take
 */
@ConfigurationProperties("palisade.notifier.opsgenie")
public record OpsgenieProperties(
    String apiKey,
    @DefaultValue("https://api.opsgenie.com") URI url,
    @DefaultValue("10s") Duration timeout) {

  @Override
  public String toString() {
    return "OpsgenieProperties[apiKey="
        + (apiKey == null ? "none" : "[redacted]")
        + ", url="
        + Redactor.display(url)
        + ", timeout="
        + timeout
        + "]";
  }
}
