package io.palisade.notify.slack;

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
 * Posts {@link SlackPayload} to a Slack incoming webhook. Slack answers 200 {@code ok}; 429 with
 * {@code Retry-After} when over about one message per second; 400/403/404/410 when the payload or
 * channel is wrong, which retrying cannot fix.
 */
public final class SlackReceiver implements Receiver {

  public static final String NAME = "slack";

  private final ReceiverId id;
  private final SlackProperties properties;
  private final ReceiverHttpClient http;
  private final JsonMapper json;
  private final IncidentFacts.Links links;

  /** The instance of the single-instance keys, named {@value NAME}. */
  public SlackReceiver(
      SlackProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    this(ReceiverId.single(NAME), properties, http, json, links);
  }

  public SlackReceiver(
      ReceiverId id,
      SlackProperties properties,
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
    String body = json.writeValueAsString(SlackPayload.of(incident, links));
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
    return "SlackReceiver[name=" + id.name() + ", " + properties + "]";
  }
}
