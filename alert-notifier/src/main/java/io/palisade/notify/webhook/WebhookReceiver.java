package io.palisade.notify.webhook;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.HttpReceivers;
import io.palisade.notify.receiver.OutboundRequest;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.receiver.ReceiverId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs {@link WebhookPayload} (Palisade JSON or a structured-mode CloudEvent) to one URL, signed
 * with HMAC-SHA256 when a secret is configured. Sends {@code Idempotency-Key: <incident
 * id>/<version>} so that a receiver can drop the duplicates that at-least-once delivery may cause.
 */
public final class WebhookReceiver implements Receiver {

  public static final String NAME = "webhook";

  /** The header carrying {@code sha256=<hex HMAC-SHA256 of the body>}. */
  public static final String SIGNATURE_HEADER = "X-Palisade-Signature";

  static final String CLOUD_EVENTS_JSON = "application/cloudevents+json";

  private final ReceiverId id;
  private final WebhookProperties properties;
  private final ReceiverHttpClient http;
  private final JsonMapper json;

  /** The instance of the single-instance keys, named {@value NAME}. */
  public WebhookReceiver(WebhookProperties properties, ReceiverHttpClient http, JsonMapper json) {
    this(ReceiverId.single(NAME), properties, http, json);
  }

  public WebhookReceiver(
      ReceiverId id, WebhookProperties properties, ReceiverHttpClient http, JsonMapper json) {
    this.id = id;
    HttpReceivers.requireHttpUrl(properties.url(), id.property("url"));
    this.properties = properties;
    this.http = http;
    this.json = json;
  }

  @Override
  public String name() {
    return id.name();
  }

  @Override
  public String kind() {
    return NAME;
  }

  @Override
  public DeliveryResult deliver(Incident incident) throws InterruptedException {
    Map<String, String> headers = new HashMap<>();
    if (properties.bearerToken() != null) {
      headers.put("Authorization", "Bearer " + properties.bearerToken());
    }
    boolean cloudEvents = properties.format() == WebhookProperties.Format.CLOUDEVENTS;
    String body =
        json.writeValueAsString(
            cloudEvents ? WebhookPayload.cloudEvent(incident) : WebhookPayload.of(incident));
    if (properties.hmacSecret() != null) {
      headers.put(SIGNATURE_HEADER, WebhookSignature.of(properties.hmacSecret(), body));
    }
    return http.post(
        new OutboundRequest(
                id.name(),
                properties.url(),
                body,
                headers,
                incident.getId() + "/" + incident.getVersion(),
                properties.timeout())
            .withContentType(cloudEvents ? CLOUD_EVENTS_JSON : OutboundRequest.JSON)
            .withBodySecrets(
                properties.hmacSecret() == null ? Set.of() : Set.of(properties.hmacSecret())));
  }

  @Override
  public String toString() {
    return "WebhookReceiver[name=" + id.name() + ", " + properties + "]";
  }
}
