package io.palisade.notify.teams;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.Severity;
import io.palisade.avro.SignalSummary;
import io.palisade.notify.receiver.IncidentFacts;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Microsoft Teams message of one incident version: a Workflows ("When a Teams webhook request
 * is received") body carrying one Adaptive Card 1.4 (connectors' MessageCard is not accepted by
 * Workflows): the headline, a fact set, the top of the evidence timeline and a link to the
 * incident.
 */
public final class TeamsPayload {

  static final String CARD_TYPE = "application/vnd.microsoft.card.adaptive";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private TeamsPayload() {}

  public static ObjectNode of(Incident incident, IncidentFacts.Links links) {
    ObjectNode message = JSON.objectNode().put("type", "message");
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("contentType", CARD_TYPE);
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("text", IncidentFacts.headline(incident))
        .put("weight", "Bolder")
        .put("size", "Large")
        .put("color", color(incident))
        .put("wrap", true);
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    fact(facts, "Severity", incident.getSeverity() + " (score " + incident.getScore() + ")");
    fact(facts, "Status", incident.getStatus().name());
    fact(facts, "Cluster", incident.getCluster());
    fact(facts, "Namespace", IncidentFacts.joined(incident, EntityKind.NAMESPACE));
    fact(facts, "Pod", IncidentFacts.joined(incident, EntityKind.POD));
    fact(facts, "Actor", IncidentFacts.joined(incident, EntityKind.ACTOR));
    fact(facts, "Tactics", IncidentFacts.joinedOrDash(incident.getTactics()));
    fact(facts, "Techniques", IncidentFacts.joinedOrDash(incident.getTechniques()));
    fact(facts, "Incident", incident.getId() + " v" + incident.getVersion());
    if (!incident.getSignals().isEmpty()) {
      body.addObject()
          .put("type", "TextBlock")
          .put(
              "text",
              "Evidence timeline ("
                  + IncidentFacts.timelineTop(incident).size()
                  + " of "
                  + incident.getSignalCount()
                  + " signals)")
          .put("weight", "Bolder")
          .put("wrap", true);
      for (SignalSummary signal : IncidentFacts.timelineTop(incident)) {
        body.addObject()
            .put("type", "TextBlock")
            .put("text", "- " + IncidentFacts.timelineLine(signal))
            .put("spacing", "Small")
            .put("wrap", true);
      }
    }
    Optional<String> link = links.target(incident);
    if (link.isPresent()) {
      card.putArray("actions")
          .addObject()
          .put("type", "Action.OpenUrl")
          .put("title", IncidentFacts.linkLabel(incident))
          .put("url", link.get());
    }
    card.putObject("msteams").put("width", "Full");
    return message;
  }

  private static void fact(ArrayNode facts, String title, String value) {
    facts.addObject().put("title", title).put("value", value);
  }

  private static String color(Incident incident) {
    if (IncidentFacts.closed(incident)) {
      return "Good";
    }
    return incident.getSeverity() == Severity.CRITICAL || incident.getSeverity() == Severity.HIGH
        ? "Attention"
        : "Warning";
  }
}
