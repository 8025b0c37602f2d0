package io.palisade.notify.receiver;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.SignalSummary;
import java.util.List;
import java.util.Optional;

/**
 * What the human-facing receivers (Slack, Teams, email, PagerDuty, Opsgenie) show of an incident,
 * computed once so that they all say the same thing: the headline, the entities people look for
 * first, the top of the evidence timeline and the link to the incident. Pure functions only.
 */
public final class IncidentFacts {

  /** How many signals of the evidence timeline a chat message shows. */
  public static final int TIMELINE_TOP = 5;

  private IncidentFacts() {}

  /** The headline: the title, prefixed by what happened to the incident when it is closed. */
  public static String headline(Incident incident) {
    return switch (incident.getStatus()) {
      case RESOLVED -> "Resolved: " + incident.getTitle();
      case MERGED -> "Merged into " + incident.getMergedInto() + ": " + incident.getTitle();
      default -> incident.getTitle();
    };
  }

  /** Whether the incident is over for its receivers (resolved, or merged into another one). */
  public static boolean closed(Incident incident) {
    return incident.getStatus() == IncidentStatus.RESOLVED
        || incident.getStatus() == IncidentStatus.MERGED;
  }

  /** The names of the entities of one kind, in the incident's order. */
  public static List<String> entities(Incident incident, EntityKind kind) {
    return incident.getEntities().stream()
        .filter(entity -> entity.getKind() == kind)
        .map(Entity::getName)
        .toList();
  }

  /** The entities of one kind joined with ", ", or "-" when there are none. */
  public static String joined(Incident incident, EntityKind kind) {
    return joinedOrDash(entities(incident, kind));
  }

  /** "T1609, T1059" style, or "-" when empty. */
  public static String joinedOrDash(List<String> values) {
    return values.isEmpty() ? "-" : String.join(", ", values);
  }

  /** The first signals of the evidence timeline (it is kept in event-time order). */
  public static List<SignalSummary> timelineTop(Incident incident) {
    List<SignalSummary> signals = incident.getSignals();
    return signals.subList(0, Math.min(TIMELINE_TOP, signals.size()));
  }

  /** One line per signal: {@code time · SEVERITY · title — summary} (no dash without summary). */
  public static String timelineLine(SignalSummary signal) {
    String summary = signal.getEvidence().getSummary();
    return signal.getEventTime()
        + " · "
        + signal.getSeverity()
        + " · "
        + signal.getTitle()
        + (summary == null || summary.isBlank() ? "" : " — " + summary);
  }

  /** The label of the button or link that {@link Links#target} leads to. */
  public static String linkLabel(Incident incident) {
    return incident.getStatus() == IncidentStatus.MERGED && incident.getMergedInto() != null
        ? "Open surviving incident"
        : "Open incident";
  }

  /** {@code text} cut to at most {@code max} code points, with an ellipsis when cut. */
  public static String truncate(String text, int max) {
    if (text == null || text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    int end = text.offsetByCodePoints(0, max - 1);
    return text.substring(0, end) + "…";
  }

  /**
   * Links to incidents in the Palisade console, from a template such as {@code
   * https://palisade.example.com/incidents/{id}}; no template, no link.
   */
  public record Links(String template) {

    public static Links none() {
      return new Links(null);
    }

    public Optional<String> of(Incident incident) {
      return template == null || template.isBlank()
          ? Optional.empty()
          : Optional.of(template.replace("{id}", incident.getId()));
    }

    /** Where a message should lead: the survivor of a merged incident, else the incident. */
    public Optional<String> target(Incident incident) {
      return incident.getStatus() == IncidentStatus.MERGED && incident.getMergedInto() != null
          ? survivor(incident)
          : of(incident);
    }

    /** The link of the incident a merged one now lives on, if any. */
    public Optional<String> survivor(Incident incident) {
      return template == null || template.isBlank() || incident.getMergedInto() == null
          ? Optional.empty()
          : Optional.of(template.replace("{id}", incident.getMergedInto()));
    }
  }
}
