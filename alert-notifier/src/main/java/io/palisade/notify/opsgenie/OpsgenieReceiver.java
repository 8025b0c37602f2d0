package io.palisade.notify.opsgenie;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.HttpReceivers;
import io.palisade.notify.receiver.IncidentFacts;
import io.palisade.notify.receiver.OutboundRequest;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.receiver.ReceiverId;
import java.net.URI;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates (open incidents) or closes (resolved, merged) Opsgenie alerts with {@link
 * OpsgeniePayload}. Opsgenie answers 202 with a request id; 429 and 5xx are retried; 401/403/422
 * are not.
 */
public final class OpsgenieReceiver implements Receiver {

  public static final String NAME = "opsgenie";

  private final ReceiverId id;
  private final OpsgenieProperties properties;
  private final String apiKey;
  private final String base;
  private final ReceiverHttpClient http;
  private final JsonMapper json;
  private final IncidentFacts.Links links;

  /** The instance of the single-instance keys, named {@value NAME}. */
  public OpsgenieReceiver(
      OpsgenieProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    this(ReceiverId.single(NAME), properties, http, json, links);
  }

  public OpsgenieReceiver(
      ReceiverId id,
      OpsgenieProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    this.id = id;
    this.apiKey = HttpReceivers.requireSecret(properties.apiKey(), id.property("api-key"));
    String url = HttpReceivers.requireHttpUrl(properties.url(), id.property("url")).toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.properties = properties;
    this.http = http;
    this.json = json;
    this.links = links;
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
    String body = json.writeValueAsString(OpsgeniePayload.of(incident, links));
    return http.post(
        new OutboundRequest(
            id.name(),
            URI.create(base + OpsgeniePayload.path(incident)),
            body,
            Map.of("Authorization", "GenieKey " + apiKey),
            HttpReceivers.idempotencyKey(incident),
            properties.timeout()));
  }

  @Override
  public String toString() {
    return "OpsgenieReceiver[name=" + id.name() + ", " + properties + "]";
  }
}
