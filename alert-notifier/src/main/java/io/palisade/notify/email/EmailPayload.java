package io.palisade.notify.email;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.SignalSummary;
import io.palisade.notify.receiver.IncidentFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notification email of one incident version: subject {@code [Palisade SEVERITY] headline},
 * then the same facts in plain text and in HTML (every value HTML-escaped). A pure function.
 */
public final class EmailPayload {

  static final int SUBJECT_MAX = 200;

  private EmailPayload() {}

  public static EmailMessage of(Incident incident, IncidentFacts.Links links) {
    String subject =
        IncidentFacts.truncate(
            "[Palisade " + incident.getSeverity() + "] " + IncidentFacts.headline(incident),
            SUBJECT_MAX);
    Map<String, String> facts = facts(incident);
    List<SignalSummary> timeline = IncidentFacts.timelineTop(incident);
    Optional<String> link = links.target(incident);

    StringBuilder text = new StringBuilder(IncidentFacts.headline(incident)).append("\n\n");
    facts.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
    if (!timeline.isEmpty()) {
      text.append("\nEvidence timeline (")
          .append(timeline.size())
          .append(" of ")
          .append(incident.getSignalCount())
          .append(" signals):\n");
      timeline.forEach(
          signal -> text.append("- ").append(IncidentFacts.timelineLine(signal)).append('\n'));
    }
    link.ifPresent(
        url ->
            text.append('\n')
                .append(IncidentFacts.linkLabel(incident))
                .append(": ")
                .append(url)
                .append('\n'));

    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .append("<h2>")
            .append(escape(IncidentFacts.headline(incident)))
            .append("</h2><table>");
    facts.forEach(
        (name, value) ->
            html.append("<tr><th align=\"left\">")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>"));
    html.append("</table>");
    if (!timeline.isEmpty()) {
      html.append("<h3>Evidence timeline (")
          .append(timeline.size())
          .append(" of ")
          .append(incident.getSignalCount())
          .append(" signals)</h3><ul>");
      timeline.forEach(
          signal ->
              html.append("<li>")
                  .append(escape(IncidentFacts.timelineLine(signal)))
                  .append("</li>"));
      html.append("</ul>");
    }
    link.ifPresent(
        url ->
            html.append("<p><a href=\"")
                .append(escape(url))
                .append("\">")
                .append(escape(IncidentFacts.linkLabel(incident)))
                .append("</a></p>"));
    html.append("</body></html>");
    return new EmailMessage(subject, text.toString(), html.toString());
  }

  private static Map<String, String> facts(Incident incident) {
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    facts.put("Severity", incident.getSeverity() + " (score " + incident.getScore() + ")");
    facts.put("Status", incident.getStatus().name());
    facts.put("Cluster", incident.getCluster());
    facts.put("Namespace", IncidentFacts.joined(incident, EntityKind.NAMESPACE));
    facts.put("Pod", IncidentFacts.joined(incident, EntityKind.POD));
    facts.put("Actor", IncidentFacts.joined(incident, EntityKind.ACTOR));
    facts.put("Tactics", IncidentFacts.joinedOrDash(incident.getTactics()));
    facts.put("Techniques", IncidentFacts.joinedOrDash(incident.getTechniques()));
    facts.put("Incident", incident.getId() + " v" + incident.getVersion());
    facts.put("First seen", incident.getFirstSeen().toString());
    facts.put("Last seen", incident.getLastSeen().toString());
    return facts;
  }

  static String escape(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
