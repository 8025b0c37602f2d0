package io.palisade.correlation.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of the incident list, as JSON incidents in list order, and whether more follow. Pages
 * from several instances merge into one: each instance returns its own first {@code limit}
 * incidents after the cursor, so the first {@code limit} of their union are the first of all.
 */
public record IncidentPage(List<ObjectNode> incidents, boolean more) {

  private static final Comparator<ObjectNode> ORDER =
      Comparator.comparing(IncidentPage::position, IncidentCursor.ORDER);

  public IncidentPage {
    incidents = List.copyOf(incidents);
  }

  /** The position of a rendered incident in the list order. */
  public static IncidentCursor position(JsonNode incident) {
    return new IncidentCursor(
        Instant.parse(incident.get("lastSeen").stringValue()), incident.get("id").stringValue());
  }

  /** Where the next page starts, or null when this is the last page. */
  public IncidentCursor next() {
    return more && !incidents.isEmpty() ? position(incidents.get(incidents.size() - 1)) : null;
  }

  /** The first {@code limit} incidents of all pages, in list order. */
  public static IncidentPage merge(List<IncidentPage> pages, int limit) {
    List<ObjectNode> all = new ArrayList<>();
    boolean more = false;
    for (IncidentPage page : pages) {
      all.addAll(page.incidents());
      more |= page.more();
    }
    all.sort(ORDER);
    if (all.size() > limit) {
      return new IncidentPage(all.subList(0, limit), true);
    }
    return new IncidentPage(all, more);
  }

  /** {@code {"incidents": [...], "nextCursor": "…" | null}}. */
  public ObjectNode toJson() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    ArrayNode list = json.putArray("incidents");
    incidents.forEach(list::add);
    IncidentCursor next = next();
    json.put("nextCursor", next == null ? null : next.encode());
    return json;
  }

  /**
   * Reads what {@link #toJson()} wrote (another instance's answer).
   *
   * @throws IllegalArgumentException when the JSON is not a page
   */
  public static IncidentPage fromJson(JsonNode json) {
    JsonNode list = json.get("incidents");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("not an incident page: no incidents array");
    }
    List<ObjectNode> incidents = new ArrayList<>();
    for (JsonNode incident : list) {
      if (!(incident instanceof ObjectNode object)) {
        throw new IllegalArgumentException("not an incident page: an item is not an object");
      }
      position(object); // checks lastSeen and id
      incidents.add(object);
    }
    JsonNode next = json.get("nextCursor");
    return new IncidentPage(incidents, next != null && !next.isNull());
  }
}
