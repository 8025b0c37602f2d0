package io.palisade.notify.webhook;

import io.palisade.avro.Entity;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.SignalSummary;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generic webhook's JSON body: a self-contained summary of one incident version, times in
 * ISO-8601 UTC. A pure function of the incident, so that it is tested against expected files.
 */
public final class WebhookPayload {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private WebhookPayload() {}

  public static ObjectNode of(Incident incident) {
    ObjectNode body = JSON.objectNode();
    body.put("id", incident.getId());
    body.put("cluster", incident.getCluster());
    body.put("version", incident.getVersion());
    body.put("status", incident.getStatus().name());
    body.put("mergedInto", incident.getMergedInto());
    body.put("title", incident.getTitle());
    body.put("severity", incident.getSeverity().name());
    body.put("score", incident.getScore());
    body.set("tactics", strings(incident.getTactics()));
    body.set("techniques", strings(incident.getTechniques()));
    ArrayNode sources = body.putArray("sources");
    for (EvidenceSource source : incident.getSources()) {
      sources.add(source.name());
    }
    ArrayNode entities = body.putArray("entities");
    for (Entity entity : incident.getEntities()) {
      entities.addObject().put("kind", entity.getKind().name()).put("name", entity.getName());
    }
    body.put("firstSeen", iso(incident.getFirstSeen()));
    body.put("lastSeen", iso(incident.getLastSeen()));
    body.put("signalCount", incident.getSignalCount());
    ArrayNode signals = body.putArray("signals");
    for (SignalSummary signal : incident.getSignals()) {
      ObjectNode item = signals.addObject();
      item.put("eventTime", iso(signal.getEventTime()));
      item.put("source", signal.getEvidence().getSource().name());
      item.put("ruleId", signal.getRuleId());
      item.put("title", signal.getTitle());
      item.put("severity", signal.getSeverity().name());
      item.put("tactic", signal.getTactic());
      item.set("techniques", strings(signal.getTechniques()));
      item.put("evidenceId", signal.getEvidence().getId());
      item.put("summary", signal.getEvidence().getSummary());
    }
    return body;
  }

  /** The CloudEvents {@code type} of an incident version sent by the generic webhook. */
  public static final String CLOUD_EVENT_TYPE = "io.palisade.incident.v1";

  /**
   * The same summary as the {@code data} of a CloudEvent 1.0 in structured mode: {@code id} =
   * incident id/version (the dedup key a consumer may use), {@code source} = {@code
   * /palisade/alert-notifier/<cluster>}, {@code subject} = incident id, {@code time} = the
   * version's event time.
   */
  public static ObjectNode cloudEvent(Incident incident) {
    ObjectNode event = JSON.objectNode();
    event.put("specversion", "1.0");
    event.put("id", incident.getId() + "/" + incident.getVersion());
    event.put("source", "/palisade/alert-notifier/" + incident.getCluster());
    event.put("type", CLOUD_EVENT_TYPE);
    event.put("subject", incident.getId());
    event.put("time", iso(incident.getEventTime()));
    event.put("datacontenttype", "application/json");
    event.set("data", of(incident));
    return event;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
