package io.palisade.notify.pagerduty;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.HttpReceivers;
import io.palisade.notify.receiver.IncidentFacts;
import io.palisade.notify.receiver.OutboundRequest;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.receiver.ReceiverId;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link PagerDutyPayload} events to the Events API v2. PagerDuty answers 202; 429 (about 120
 * events/min per routing key) and 5xx are retried; 400 (invalid event) is not. The routing key
 * travels in the body, so it is registered as a body secret: an error answer quoting it is
 * redacted.
 */
public final class PagerDutyReceiver implements Receiver {

  public static final String NAME = "pagerduty";

  private final ReceiverId id;
  private final PagerDutyProperties properties;
  private final String routingKey;
  private final ReceiverHttpClient http;
  private final JsonMapper json;
  private final IncidentFacts.Links links;

  /** The instance of the single-instance keys, named {@value NAME}. */
  public PagerDutyReceiver(
      PagerDutyProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    this(ReceiverId.single(NAME), properties, http, json, links);
  }

  public PagerDutyReceiver(
      ReceiverId id,
      PagerDutyProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    this.id = id;
    this.routingKey =
        HttpReceivers.requireSecret(properties.routingKey(), id.property("routing-key"));
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
    String body = json.writeValueAsString(PagerDutyPayload.of(incident, routingKey, links));
    return http.post(
        new OutboundRequest(
                id.name(),
                properties.url(),
                body,
                Map.of(),
                HttpReceivers.idempotencyKey(incident),
                properties.timeout())
            .withBodySecrets(Set.of(routingKey)));
  }

  @Override
  public String toString() {
    return "PagerDutyReceiver[name=" + id.name() + ", " + properties + "]";
  }
}
