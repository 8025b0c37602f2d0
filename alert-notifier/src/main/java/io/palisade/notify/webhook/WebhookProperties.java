package io.palisade.notify.webhook;

import io.palisade.notify.receiver.Redactor;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.webhook.*}: the generic webhook receiver. It is registered only when
 * {@code url} is set.
 *
 * @param url where incidents are POSTed (http or https)
 * @param bearerToken optional; sent as {@code Authorization: Bearer …}, never shown anywhere
 * @param timeout how long one POST may take
 * @param format the body: Palisade's own JSON, or that JSON as the data of a CloudEvent (structured
 *     mode)
 * @param hmacSecret optional; when set, every POST carries {@code X-Palisade-Signature: sha256=<hex
 *     HMAC-SHA256 of the body>}; never shown anywhere
 */
@ConfigurationProperties("palisade.notifier.webhook")
public record WebhookProperties(
    URI url,
    String bearerToken,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("palisade") Format format,
    String hmacSecret) {

  /** The body formats of the generic webhook. */
  public enum Format {
    /** {@link WebhookPayload#of}, {@code application/json}. */
    PALISADE,
    /** {@link WebhookPayload#cloudEvent}, {@code application/cloudevents+json}. */
    CLOUDEVENTS
  }

  @ConstructorBinding
  public WebhookProperties {
    bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
    hmacSecret = hmacSecret == null || hmacSecret.isBlank() ? null : hmacSecret;
    format = format == null ? Format.PALISADE : format;
  }

  /** Palisade JSON, no signature. */
  public WebhookProperties(URI url, String bearerToken, Duration timeout) {
    this(url, bearerToken, timeout, Format.PALISADE, null);
  }

  @Override
  public String toString() {
    return "WebhookProperties[url="
        + (url == null ? "none" : Redactor.display(url))
        + ", bearerToken="
        + (bearerToken == null ? "none" : "[redacted]")
        + ", timeout="
        + timeout
        + ", format="
        + format
        + ", hmacSecret="
        + (hmacSecret == null ? "none" : "[redacted]")
        + "]";
  }
}
