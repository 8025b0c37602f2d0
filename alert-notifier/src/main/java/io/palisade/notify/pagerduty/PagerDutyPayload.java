package io.palisade.notify.pagerduty;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.Severity;
import io.palisade.avro.SignalSummary;
import io.palisade.notify.receiver.IncidentFacts;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PagerDuty Events API v2 event of one incident version. {@code dedup_key} is the incident id,
 * so every version of an open incident updates one PagerDuty alert: {@code trigger} while it is
 * open, {@code resolve} once it is resolved or merged into another incident (the survivor has its
 * own alert). Summary at most 1,024 characters.
 */
public final class PagerDutyPayload {

  static final int SUMMARY_MAX = 1024;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PagerDutyPayload() {}

  public static ObjectNode of(Incident incident, String routingKey, IncidentFacts.Links links) {
    ObjectNode event = JSON.objectNode();
    event.put("routing_key", routingKey);
    event.put("dedup_key", incident.getId());
    if (IncidentFacts.closed(incident)) {
      event.put("event_action", "resolve");
      return event;
    }
    event.put("event_action", "trigger");
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", IncidentFacts.truncate(incident.getTitle(), SUMMARY_MAX));
    payload.put("source", incident.getCluster());
    payload.put("severity", severity(incident.getSeverity()));
    payload.put("timestamp", incident.getLastSeen().toString());
    first(incident, EntityKind.POD)
        .or(() -> first(incident, EntityKind.WORKLOAD))
        .ifPresent(component -> payload.put("component", component));
    first(incident, EntityKind.NAMESPACE).ifPresent(group -> payload.put("group", group));
    if (!incident.getTactics().isEmpty()) {
      payload.put("class", String.join(", ", incident.getTactics()));
    }
    ObjectNode details = payload.putObject("custom_details");
    details.put("incident_id", incident.getId());
    details.put("version", incident.getVersion());
    details.put("status", incident.getStatus().name());
    details.put("score", incident.getScore());
    details.set("tactics", strings(incident.getTactics()));
    details.set("techniques", strings(incident.getTechniques()));
    ObjectNode entities = details.putObject("entities");
    for (Entity entity : incident.getEntities()) {
      String kind = entity.getKind().name().toLowerCase(java.util.Locale.ROOT);
      if (!entities.has(kind)) {
        entities.putArray(kind);
      }
      ((ArrayNode) entities.get(kind)).add(entity.getName());
    }
    details.put("signal_count", incident.getSignalCount());
    ArrayNode timeline = details.putArray("timeline");
    for (SignalSummary signal : IncidentFacts.timelineTop(incident)) {
      timeline.add(IncidentFacts.timelineLine(signal));
    }
    details.put("first_seen", incident.getFirstSeen().toString());
    details.put("last_seen", incident.getLastSeen().toString());
    event.put("client", "Palisade");
    Optional<String> link = links.of(incident);
    if (link.isPresent()) {
      event.put("client_url", link.get());
      event.putArray("links").addObject().put("href", link.get()).put("text", "Palisade incident");
    }
    return event;
  }

  /** Palisade severities on PagerDuty's four: critical, error, warning, info. */
  static String severity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case MEDIUM -> "warning";
      default -> "info";
    };
  }

  private static Optional<String> first(Incident incident, EntityKind kind) {
    return IncidentFacts.entities(incident, kind).stream().findFirst();
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
