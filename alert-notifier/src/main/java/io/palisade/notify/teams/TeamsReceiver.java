package io.palisade.notify.teams;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.HttpReceivers;
import io.palisade.notify.receiver.IncidentFacts;
import io.palisade.notify.receiver.OutboundRequest;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.receiver.ReceiverId;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts {@link TeamsPayload} to a Teams Workflows webhook. Workflows answer 202 when the flow is
 * triggered; throttling (429, more than about 4 requests/s) and 5xx are retried, other 4xx (a
 * deleted flow, an invalid signature) are not.
 */
public final class TeamsReceiver implements Receiver {

  public static final String NAME = "teams";

  private final ReceiverId id;
  private final TeamsProperties properties;
  private final ReceiverHttpClient http;
  private final JsonMapper json;
  private final IncidentFacts.Links links;

  /** The instance of the single-instance keys, named {@value NAME}. */
  public TeamsReceiver(
      TeamsProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    this(ReceiverId.single(NAME), properties, http, json, links);
  }

  public TeamsReceiver(
      ReceiverId id,
      TeamsProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    this.id = id;
    HttpReceivers.requireHttpUrl(properties.url(), id.property("url"));
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
    String body = json.writeValueAsString(TeamsPayload.of(incident, links));
    return http.post(
        new OutboundRequest(
            id.name(),
            properties.url(),
            body,
            Map.of(),
            HttpReceivers.idempotencyKey(incident),
            properties.timeout()));
  }

  @Override
  public String toString() {
    return "TeamsReceiver[name=" + id.name() + ", " + properties + "]";
  }
}
