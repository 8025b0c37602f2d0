package io.palisade.allinone;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Renders the alert notifier's incident JSON as text for a human at a terminal. */
final class IncidentReport {

  private IncidentReport() {}

  static String render(JsonNode incident) {
    StringBuilder out = new StringBuilder();
    out.append("INCIDENT ")
        .append(incident.path("id").asString())
        .append("  (version ")
        .append(incident.path("version").asLong())
        .append(", ")
        .append(incident.path("status").asString())
        .append(")\n");
    out.append("  title:     ").append(incident.path("title").asString()).append('\n');
    out.append("  severity:  ")
        .append(incident.path("severity").asString())
        .append("   score: ")
        .append(incident.path("score").asInt())
        .append('\n');
    out.append("  cluster:   ").append(incident.path("cluster").asString()).append('\n');
    out.append("  tactics:   ").append(join(incident.path("tactics"))).append('\n');
    out.append("  techniques: ").append(join(incident.path("techniques"))).append('\n');
    List<String> entities = new ArrayList<>();
    for (JsonNode entity : incident.path("entities")) {
      entities.add(
          entity.path("kind").asString().toLowerCase() + " " + entity.path("name").asString());
    }
    out.append("  entities:  ").append(String.join(", ", entities)).append('\n');
    out.append("  evidence (")
        .append(incident.path("signalCount").asInt())
        .append(" signals, in time order):\n");
    for (JsonNode signal : incident.path("signals")) {
      out.append(
          String.format(
              "    %s  %-9s %-8s %s%n               %s%n",
              signal.path("eventTime").asString(),
              signal.path("source").asString(),
              signal.path("severity").asString(),
              signal.path("title").asString(),
              signal.path("summary").asString()));
    }
    return out.toString();
  }

  private static String join(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return String.join(", ", values);
  }
}
