package io.palisade.notify.webhook;

import io.palisade.notify.receiver.Redactor;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.webhook.*}: the generic webhook receiver. It is registered only when
 * {@code url} is set.
 *
 * @param url where incidents are POSTed (http or https)
 * @param bearerToken optional; sent as {@code Authorization: Bearer …}, never shown anywhere
 * @param timeout how long one POST may take
 */
@ConfigurationProperties("palisade.notifier.webhook")
public record WebhookProperties(
    URI url, String bearerToken, @DefaultValue("10s") Duration timeout) {

  public WebhookProperties {
    bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
  }

  @Override
  public String toString() {
    return "WebhookProperties[url="
        + (url == null ? "none" : Redactor.display(url))
        + ", bearerToken="
        + (bearerToken == null ? "none" : "[redacted]")
        + ", timeout="
        + timeout
        + "]";
  }
}
