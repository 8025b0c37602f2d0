package io.palisade.notify.webhook;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.OutboundRequest;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.receiver.Redactor;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs {@link WebhookPayload} to one URL. Sends {@code Idempotency-Key: <incident id>/<version>}
 * so that a receiver can drop the duplicates that at-least-once delivery may cause.
 */
public final class WebhookReceiver implements Receiver {

  public static final String NAME = "webhook";

  private final WebhookProperties properties;
  private final ReceiverHttpClient http;
  private final JsonMapper json;

  public WebhookReceiver(WebhookProperties properties, ReceiverHttpClient http, JsonMapper json) {
    if (properties.url() == null
        || properties.url().getHost() == null
        || !("http".equals(properties.url().getScheme())
            || "https".equals(properties.url().getScheme()))) {
      throw new IllegalArgumentException(
          "palisade.notifier.webhook.url must be an absolute http(s) URL with a host, got "
              + (properties.url() == null ? "none" : Redactor.display(properties.url())));
    }
    this.properties = properties;
    this.http = http;
    this.json = json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeliveryResult deliver(Incident incident) throws InterruptedException {
    Map<String, String> headers =
        properties.bearerToken() == null
            ? Map.of()
            : Map.of("Authorization", "Bearer " + properties.bearerToken());
    String body = json.writeValueAsString(WebhookPayload.of(incident));
    return http.post(
        new OutboundRequest(
            NAME,
            properties.url(),
            body,
            headers,
            incident.getId() + "/" + incident.getVersion(),
            properties.timeout()));
  }

  @Override
  public String toString() {
    return "WebhookReceiver[" + properties + "]";
  }
}
