package io.palisade.notify.opsgenie;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.avro.SignalSummary;
import io.palisade.notify.receiver.IncidentFacts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Opsgenie Alert API request of one incident version. {@code alias} is the incident id, so
 * Opsgenie de-duplicates the versions of an open incident into one alert; a resolved or merged
 * incident closes that alert ({@code POST /v2/alerts/{alias}/close?identifierType=alias}), a merged
 * one with a note naming the survivor. Message at most 130 characters, description 15,000.
 */
public final class OpsgeniePayload {

  static final int MESSAGE_MAX = 130;
  static final int DESCRIPTION_MAX = 15000;
  static final String SOURCE = "Palisade";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpsgeniePayload() {}

  /** The path (and query) below the API base URL that this version is sent to. */
  public static String path(Incident incident) {
    if (!IncidentFacts.closed(incident)) {
      return "/v2/alerts";
    }
    return "/v2/alerts/"
        + URLEncoder.encode(incident.getId(), StandardCharsets.UTF_8).replace("+", "%20")
        + "/close?identifierType=alias";
  }

  public static ObjectNode of(Incident incident, IncidentFacts.Links links) {
    if (IncidentFacts.closed(incident)) {
      ObjectNode close = JSON.objectNode().put("source", SOURCE);
      close.put(
          "note",
          incident.getStatus() == IncidentStatus.MERGED
              ? "Merged into Palisade incident "
                  + incident.getMergedInto()
                  + links.survivor(incident).map(link -> " (" + link + ")").orElse("")
              : "Resolved in Palisade (version " + incident.getVersion() + ")");
      return close;
    }
    ObjectNode alert = JSON.objectNode();
    alert.put("message", IncidentFacts.truncate(incident.getTitle(), MESSAGE_MAX));
    alert.put("alias", incident.getId());
    alert.put("description", IncidentFacts.truncate(description(incident, links), DESCRIPTION_MAX));
    ArrayNode tags = alert.putArray("tags");
    tags.add("palisade");
    tags.add("cluster:" + incident.getCluster());
    incident.getTactics().forEach(tags::add);
    incident.getTechniques().forEach(tags::add);
    ObjectNode details = alert.putObject("details");
    details.put("cluster", incident.getCluster());
    details.put("namespace", IncidentFacts.joined(incident, EntityKind.NAMESPACE));
    details.put("pod", IncidentFacts.joined(incident, EntityKind.POD));
    details.put("actor", IncidentFacts.joined(incident, EntityKind.ACTOR));
    details.put("severity", incident.getSeverity().name());
    details.put("score", Integer.toString(incident.getScore()));
    details.put("version", Long.toString(incident.getVersion()));
    links.of(incident).ifPresent(link -> details.put("link", link));
    IncidentFacts.entities(incident, EntityKind.POD).stream()
        .findFirst()
        .ifPresent(pod -> alert.put("entity", pod));
    alert.put("source", SOURCE);
    alert.put("priority", priority(incident.getSeverity()));
    return alert;
  }

  /** Palisade severities on Opsgenie's P1 (critical) … P5 (informational). */
  static String priority(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "P1";
      case HIGH -> "P2";
      case MEDIUM -> "P3";
      case LOW -> "P4";
      default -> "P5";
    };
  }

  private static String description(Incident incident, IncidentFacts.Links links) {
    StringBuilder text =
        new StringBuilder(incident.getTitle())
            .append("\n\nSeverity ")
            .append(incident.getSeverity())
            .append(" (score ")
            .append(incident.getScore())
            .append("), ")
            .append(incident.getSignalCount())
            .append(" signals, first seen ")
            .append(incident.getFirstSeen())
            .append(", last seen ")
            .append(incident.getLastSeen())
            .append('.');
    if (!incident.getSignals().isEmpty()) {
      text.append("\n\nEvidence timeline:");
      for (SignalSummary signal : IncidentFacts.timelineTop(incident)) {
        text.append("\n- ").append(IncidentFacts.timelineLine(signal));
      }
    }
    links.of(incident).ifPresent(link -> text.append("\n\n").append(link));
    return text.toString();
  }
}
