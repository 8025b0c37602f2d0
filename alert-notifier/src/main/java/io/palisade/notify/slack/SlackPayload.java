package io.palisade.notify.slack;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.SignalSummary;
import io.palisade.notify.receiver.IncidentFacts;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Slack incoming-webhook message of one incident version, in Block Kit: a header, the fields an
 * analyst triages on (severity, cluster, namespace, pod, actor, ATT&amp;CK), the top of the
 * evidence timeline and a button to the incident. {@code text} is the notification fallback. Within
 * Slack's limits: header 150 characters, section text 3,000, field 2,000, at most 50 blocks.
 */
public final class SlackPayload {

  static final int HEADER_MAX = 150;
  static final int FIELD_MAX = 2000;
  static final int SECTION_MAX = 3000;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SlackPayload() {}

  public static ObjectNode of(Incident incident, IncidentFacts.Links links) {
    ObjectNode message = JSON.objectNode();
    message.put(
        "text",
        IncidentFacts.truncate(
            "[" + incident.getSeverity() + "] " + escape(IncidentFacts.headline(incident)),
            SECTION_MAX));
    ArrayNode blocks = message.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header
        .putObject("text")
        .put("type", "plain_text")
        .put("text", IncidentFacts.truncate(IncidentFacts.headline(incident), HEADER_MAX));

    ObjectNode facts = blocks.addObject().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    field(fields, "Severity", incident.getSeverity() + " (score " + incident.getScore() + ")");
    field(fields, "Cluster", incident.getCluster());
    field(fields, "Namespace", IncidentFacts.joined(incident, EntityKind.NAMESPACE));
    field(fields, "Pod", IncidentFacts.joined(incident, EntityKind.POD));
    field(fields, "Actor", IncidentFacts.joined(incident, EntityKind.ACTOR));
    field(
        fields,
        "ATT&CK",
        IncidentFacts.joinedOrDash(incident.getTactics())
            + "\n"
            + IncidentFacts.joinedOrDash(incident.getTechniques()));

    List<SignalSummary> top = IncidentFacts.timelineTop(incident);
    if (!top.isEmpty()) {
      StringBuilder timeline =
          new StringBuilder("*Evidence timeline* (")
              .append(top.size())
              .append(" of ")
              .append(incident.getSignalCount())
              .append(" signals)");
      for (SignalSummary signal : top) {
        timeline.append("\n• ").append(escape(IncidentFacts.timelineLine(signal)));
      }
      blocks
          .addObject()
          .put("type", "section")
          .putObject("text")
          .put("type", "mrkdwn")
          .put("text", IncidentFacts.truncate(timeline.toString(), SECTION_MAX));
    }

    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put(
            "text",
            "Incident `"
                + escape(incident.getId())
                + "` v"
                + incident.getVersion()
                + " · "
                + incident.getStatus()
                + " · first seen "
                + incident.getFirstSeen()
                + " · last seen "
                + incident.getLastSeen());

    Optional<String> link = links.target(incident);
    if (link.isPresent()) {
      ObjectNode button =
          blocks.addObject().put("type", "actions").putArray("elements").addObject();
      button.put("type", "button");
      button
          .putObject("text")
          .put("type", "plain_text")
          .put("text", IncidentFacts.linkLabel(incident));
      button.put("url", link.get());
    }
    return message;
  }

  private static void field(ArrayNode fields, String label, String value) {
    fields
        .addObject()
        .put("type", "mrkdwn")
        .put(
            "text", IncidentFacts.truncate("*" + escape(label) + "*\n" + escape(value), FIELD_MAX));
  }

  /** Slack's mrkdwn control characters, escaped as its docs ask. */
  static String escape(String text) {
    return text == null
        ? "-"
        : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
