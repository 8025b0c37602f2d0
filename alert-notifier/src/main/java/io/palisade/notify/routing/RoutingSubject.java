package io.palisade.notify.routing;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.Severity;
import io.palisade.avro.SignalSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What routes and silences match on: the fields of one incident version that people route by.
 * Namespaces come from NAMESPACE entities and from the {@code namespace/…} prefix of POD and
 * WORKLOAD entities; rules are the rule ids of the incident's signals (all of them, from the rule
 * counts, not only those on the bounded timeline); storylines are the ids of the storylines the
 * incident matched; entities are every entity name.
 */
public record RoutingSubject(
    String id,
    String cluster,
    String status,
    Severity severity,
    List<String> namespaces,
    List<String> tactics,
    List<String> techniques,
    List<String> rules,
    List<String> storylines,
    List<String> entities) {

  public RoutingSubject {
    namespaces = List.copyOf(namespaces);
    tactics = List.copyOf(tactics);
    techniques = List.copyOf(techniques);
    rules = List.copyOf(rules);
    storylines = List.copyOf(storylines);
    entities = List.copyOf(entities);
  }

  public static RoutingSubject of(Incident incident) {
    Set<String> namespaces = new LinkedHashSet<>();
    List<String> entities = new ArrayList<>();
    for (Entity entity : incident.getEntities()) {
      entities.add(entity.getName());
      namespaceOf(entity.getKind().name(), entity.getName()).ifPresent(namespaces::add);
    }
    Set<String> rules = new LinkedHashSet<>();
    for (SignalSummary signal : incident.getSignals()) {
      rules.add(signal.getRuleId());
    }
    rules.addAll(incident.getRuleCounts().keySet());
    Set<String> storylines = new LinkedHashSet<>(incident.getStorylines());
    if (incident.getStoryline() != null) {
      storylines.add(incident.getStoryline());
    }
    return new RoutingSubject(
        incident.getId(),
        incident.getCluster(),
        incident.getStatus().name(),
        incident.getSeverity(),
        List.copyOf(namespaces),
        incident.getTactics(),
        incident.getTechniques(),
        List.copyOf(rules),
        List.copyOf(storylines),
        entities);
  }

  /**
   * The subject of an incident posted as the generic webhook's JSON (the dry-run endpoint): {@code
   * id, cluster, status, severity, tactics, techniques, entities[{kind,name}], signals[{ruleId}]};
   * missing fields are empty.
   *
   * @throws IllegalArgumentException when {@code severity} is not a Palisade severity
   */
  public static RoutingSubject fromJson(JsonNode incident) {
    Set<String> namespaces = new LinkedHashSet<>();
    List<String> entities = new ArrayList<>();
    for (JsonNode entity : incident.path("entities")) {
      String name = entity.path("name").asString("");
      entities.add(name);
      namespaceOf(entity.path("kind").asString("").toUpperCase(Locale.ROOT), name)
          .ifPresent(namespaces::add);
    }
    Set<String> rules = new LinkedHashSet<>();
    for (JsonNode signal : incident.path("signals")) {
      if (signal.hasNonNull("ruleId")) {
        rules.add(signal.get("ruleId").asString());
      }
    }
    Set<String> storylines = new LinkedHashSet<>(strings(incident.path("storylines")));
    if (incident.hasNonNull("storyline")) {
      storylines.add(incident.get("storyline").asString());
    }
    String severity = incident.path("severity").asString("UNKNOWN").toUpperCase(Locale.ROOT);
    return new RoutingSubject(
        incident.path("id").asString(""),
        incident.path("cluster").asString(""),
        incident.path("status").asString("OPEN").toUpperCase(Locale.ROOT),
        Matcher.severity(severity),
        List.copyOf(namespaces),
        strings(incident.path("tactics")),
        strings(incident.path("techniques")),
        List.copyOf(rules),
        List.copyOf(storylines),
        entities);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static java.util.Optional<String> namespaceOf(String kind, String name) {
    if (EntityKind.NAMESPACE.name().equals(kind)) {
      return java.util.Optional.of(name);
    }
    if ((EntityKind.POD.name().equals(kind) || EntityKind.WORKLOAD.name().equals(kind))
        && name.indexOf('/') > 0) {
      return java.util.Optional.of(name.substring(0, name.indexOf('/')));
    }
    return java.util.Optional.empty();
  }
}
