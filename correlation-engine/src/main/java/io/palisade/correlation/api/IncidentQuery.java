package io.palisade.correlation.api;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters and page of {@code GET /api/incidents}, parsed from the query parameters with a 400
 * for anything it does not understand, so that a typo never silently widens a search.
 *
 * @param statuses the statuses to list; empty: all
 * @param minSeverity the lowest severity to list, or null
 * @param cluster the cluster, or null
 * @param namespace incidents touching this namespace (a NAMESPACE entity, or a pod or workload in
 *     it), or null
 * @param entity incidents involving this entity, or null
 * @param since incidents last active at or after this instant, or null
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param after the page starts after this position; null for the first page
 */
public record IncidentQuery(
    Set<IncidentStatus> statuses,
    Severity minSeverity,
    String cluster,
    String namespace,
    EntityFilter entity,
    Instant since,
    int limit,
    IncidentCursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  static final Set<String> PARAMETERS =
      Set.of("status", "minSeverity", "cluster", "namespace", "entity", "since", "limit", "cursor");

  public IncidentQuery {
    statuses =
        statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
    }
  }

  /** Everything, first page, default size. */
  public static IncidentQuery all() {
    return new IncidentQuery(Set.of(), null, null, null, null, null, DEFAULT_LIMIT, null);
  }

  /**
   * An entity to look for: {@code kind:name} (kind an {@link EntityKind} symbol, any case) or a
   * bare name that matches an entity of any kind. A prefix that is not a kind is part of the name,
   * so {@code system:serviceaccount:ns:sa} is a name.
   */
  public record EntityFilter(EntityKind kind, String name) {

    static EntityFilter parse(String text) {
      int colon = text.indexOf(':');
      if (colon > 0) {
        String prefix = text.substring(0, colon).toUpperCase(Locale.ROOT).replace('-', '_');
        for (EntityKind kind : EntityKind.values()) {
          if (kind.name().equals(prefix) && colon + 1 < text.length()) {
            return new EntityFilter(kind, text.substring(colon + 1));
          }
        }
      }
      return new EntityFilter(null, text);
    }

    boolean matches(Entity entity) {
      return (kind == null || entity.getKind() == kind) && entity.getName().equals(name);
    }

    String text() {
      return kind == null ? name : kind.name() + ":" + name;
    }
  }

  /**
   * Parses the query parameters (each may be given several times; {@code status} may also list
   * several statuses separated by commas).
   *
   * @throws ApiException 400 naming the parameter and the value it did not understand
   */
  public static IncidentQuery parse(Map<String, List<String>> parameters) {
    for (String name : new TreeSet<>(parameters.keySet())) {
      if (!PARAMETERS.contains(name)) {
        throw ApiException.badRequest(
            "unknown-parameter",
            "unknown parameter '"
                + name
                + "'; known: "
                + String.join(", ", new TreeSet<>(PARAMETERS)));
      }
    }
    Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
    for (String value : parameters.getOrDefault("status", List.of())) {
      for (String one : value.split(",")) {
        statuses.add(parseEnum("status", one, IncidentStatus.class));
      }
    }
    String severity = single(parameters, "minSeverity");
    String since = single(parameters, "since");
    String limit = single(parameters, "limit");
    String cursor = single(parameters, "cursor");
    String entity = single(parameters, "entity");
    return new IncidentQuery(
        statuses,
        severity == null ? null : parseEnum("minSeverity", severity, Severity.class),
        single(parameters, "cluster"),
        single(parameters, "namespace"),
        entity == null ? null : EntityFilter.parse(entity),
        since == null ? null : parseInstant(since),
        limit == null ? DEFAULT_LIMIT : parseLimit(limit),
        cursor == null ? null : IncidentCursor.decode(cursor));
  }

  /** Whether the incident passes every filter (the page position is not checked here). */
  public boolean matches(Incident incident) {
    if (!statuses.isEmpty() && !statuses.contains(incident.getStatus())) {
      return false;
    }
    if (minSeverity != null && incident.getSeverity().ordinal() < minSeverity.ordinal()) {
      return false;
    }
    if (cluster != null && !cluster.equals(incident.getCluster())) {
      return false;
    }
    if (since != null && incident.getLastSeen().isBefore(since)) {
      return false;
    }
    if (namespace != null && incident.getEntities().stream().noneMatch(this::inNamespace)) {
      return false;
    }
    return entity == null || incident.getEntities().stream().anyMatch(entity::matches);
  }

  /** Whether the incident belongs on this page or a later one (after the cursor). */
  public boolean isAfterCursor(IncidentCursor position) {
    return after == null || after.precedes(position);
  }

  /** The parameters that reproduce this query, for asking the other instances. */
  public String toQueryString() {
    List<String> parts = new ArrayList<>();
    statuses.stream().sorted().forEach(status -> parts.add(pair("status", status.name())));
    if (minSeverity != null) {
      parts.add(pair("minSeverity", minSeverity.name()));
    }
    if (cluster != null) {
      parts.add(pair("cluster", cluster));
    }
    if (namespace != null) {
      parts.add(pair("namespace", namespace));
    }
    if (entity != null) {
      parts.add(pair("entity", entity.text()));
    }
    if (since != null) {
      parts.add(pair("since", since.toString()));
    }
    parts.add(pair("limit", Integer.toString(limit)));
    if (after != null) {
      parts.add(pair("cursor", after.encode()));
    }
    return String.join("&", parts);
  }

  private boolean inNamespace(Entity entity) {
    return switch (entity.getKind()) {
      case NAMESPACE -> entity.getName().equals(namespace);
      case POD, WORKLOAD -> entity.getName().startsWith(namespace + "/");
      default -> false;
    };
  }

  private static String pair(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.getOrDefault(name, List.of());
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.badRequest(
          "repeated-parameter", "parameter '" + name + "' may be given once, got " + values);
    }
    String value = values.get(0).strip();
    if (value.isEmpty()) {
      throw ApiException.badRequest("empty-parameter", "parameter '" + name + "' is empty");
    }
    return value;
  }

  private static <E extends Enum<E>> E parseEnum(String parameter, String text, Class<E> type) {
    String name = text.strip().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name) && !constant.name().equals("UNKNOWN")) {
        return constant;
      }
    }
    throw ApiException.badRequest(
        "bad-" + parameter.toLowerCase(Locale.ROOT),
        parameter
            + ": '"
            + text
            + "' is not one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .filter(constant -> !constant.equals("UNKNOWN"))
                .toList());
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "bad-since",
          "since: '" + text + "' is not an ISO-8601 instant such as 2026-02-01T07:00:00Z");
    }
  }

  private static int parseLimit(String text) {
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "bad-limit", "limit: '" + text + "' is not a whole number from 1 to " + MAX_LIMIT);
  }
}
