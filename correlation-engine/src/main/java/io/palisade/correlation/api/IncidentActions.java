package io.palisade.correlation.api;

import io.palisade.avro.IncidentAction;
import io.palisade.avro.IncidentActionType;
import io.palisade.avro.IncidentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/incidents/{id}/actions}: checks the body, looks the incident up (for its
 * cluster, and to refuse actions on a merged incident), and writes an {@link IncidentAction} to the
 * actions topic. The correlate stage applies it; this only records the analyst's intent, once Kafka
 * has acknowledged it.
 */
public final class IncidentActions {

  static final Set<String> FIELDS = Set.of("type", "assignee", "comment", "suppressFor");
  static final int MAX_TEXT = 4000;

  private final IncidentDirectory directory;
  private final ActionPublisher publisher;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  public IncidentActions(IncidentDirectory directory, ActionPublisher publisher, Clock clock) {
    this.directory = directory;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** What the body asks for, checked. */
  record Request(IncidentActionType type, String assignee, String comment, Duration suppressFor) {}

  /**
   * Records the action of {@code actor} on incident {@code id}.
   *
   * @return the action as written
   * @throws ApiException 400 for a bad body, 404 for an unknown incident, 409 for a merged one
   *     (with the survivor's id), 503 when the incident's holder or Kafka cannot be reached
   */
  public IncidentAction act(String id, String body, String actor, String authorization) {
    Request request = parse(body);
    JsonNode incident =
        directory.get(id, authorization).orElseThrow(() -> ApiException.notFound(id));
    if (IncidentStatus.MERGED.name().equals(text(incident, "status"))) {
      String survivor = text(incident, "mergedInto");
      throw new ApiException(
          409,
          "incident-merged",
          "incident " + id + " was merged into " + survivor + "; act on that incident instead",
          survivor == null ? Map.of() : Map.of("mergedInto", survivor));
    }
    IncidentAction action =
        IncidentAction.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setCluster(text(incident, "cluster"))
            .setIncidentId(id)
            .setTime(clock.instant())
            .setType(request.type())
            .setActor(actor)
            .setAssignee(request.assignee())
            .setComment(request.comment())
            .setSuppressForMillis(
                request.suppressFor() == null ? null : request.suppressFor().toMillis())
            .build();
    publisher.publish(action);
    return action;
  }

  /**
   * @throws ApiException 400 naming the field and what was wrong
   */
  Request parse(String body) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (JacksonException e) {
      throw bad("bad-json", "the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw bad("bad-body", "the body must be a JSON object such as {\"type\":\"ACKNOWLEDGE\"}");
    }
    for (String name : root.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw bad("unknown-field", "unknown field '" + name + "'; known: " + FIELDS);
      }
    }
    IncidentActionType type = type(root.get("type"));
    String assignee = optionalText(root, "assignee");
    String comment = optionalText(root, "comment");
    String suppressText = optionalText(root, "suppressFor");
    if (assignee != null && type != IncidentActionType.ASSIGN) {
      throw bad("bad-assignee", "assignee is only for ASSIGN, not " + type);
    }
    Duration suppressFor = null;
    if (suppressText != null) {
      if (type != IncidentActionType.FALSE_POSITIVE) {
        throw bad("bad-suppress-for", "suppressFor is only for FALSE_POSITIVE, not " + type);
      }
      suppressFor = duration(suppressText);
    }
    return new Request(type, assignee, comment, suppressFor);
  }

  private static IncidentActionType type(JsonNode node) {
    if (node == null || !node.isString()) {
      throw bad("bad-type", "type is required, one of " + types());
    }
    String name = node.stringValue().strip().toUpperCase(Locale.ROOT);
    for (IncidentActionType type : IncidentActionType.values()) {
      if (type != IncidentActionType.UNKNOWN && type.name().equals(name)) {
        return type;
      }
    }
    throw bad("bad-type", "type: '" + node.stringValue() + "' is not one of " + types());
  }

  private static String optionalText(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw bad("bad-" + kebab(field), field + " must be a string");
    }
    String text = node.stringValue().strip();
    if (text.length() > MAX_TEXT) {
      throw bad("bad-" + kebab(field), field + " is longer than " + MAX_TEXT + " characters");
    }
    return text.isEmpty() ? null : text;
  }

  private static Duration duration(String text) {
    try {
      Duration duration = Duration.parse(text);
      if (!duration.isNegative() && !duration.isZero()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw bad(
        "bad-suppress-for",
        "suppressFor: '" + text + "' is not a positive ISO-8601 duration such as PT24H");
  }

  private static String text(JsonNode incident, String field) {
    JsonNode node = incident.get(field);
    return node == null || node.isNull() ? null : node.stringValue();
  }

  private static String types() {
    return Arrays.stream(IncidentActionType.values())
        .filter(type -> type != IncidentActionType.UNKNOWN)
        .map(Enum::name)
        .toList()
        .toString();
  }

  private static String kebab(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static ApiException bad(String reason, String message) {
    return ApiException.badRequest(reason, message);
  }
}
