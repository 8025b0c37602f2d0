package io.palisade.notify.slack;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.HttpReceivers;
import io.palisade.notify.receiver.IncidentFacts;
import io.palisade.notify.receiver.OutboundRequest;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts {@link SlackPayload} to a Slack incoming webhook. Slack answers 200 {@code ok}; 429 with
 * {@code Retry-After} when over about one message per second; 400/403/404/410 when the payload or
 * channel is wrong, which retrying cannot fix.
 */
public final class SlackReceiver implements Receiver {

  public static final String NAME = "slack";

  private final SlackProperties properties;
  private final ReceiverHttpClient http;
  private final JsonMapper json;
  private final IncidentFacts.Links links;

  public SlackReceiver(
      SlackProperties properties,
      ReceiverHttpClient http,
      JsonMapper json,
      IncidentFacts.Links links) {
    HttpReceivers.requireHttpUrl(properties.url(), "palisade.notifier.slack.url");
    this.properties = properties;
    this.http = http;
    this.json = json;
    this.links = links;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeliveryResult deliver(Incident incident) throws InterruptedException {
    String body = json.writeValueAsString(SlackPayload.of(incident, links));
    return http.post(
        new OutboundRequest(
            NAME,
            properties.url(),
            body,
            Map.of(),
            HttpReceivers.idempotencyKey(incident),
            properties.timeout()));
  }

  @Override
  public String toString() {
    return "SlackReceiver[" + properties + "]";
  }
}
