package io.palisade.audit.webhook;

import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the API server's audit webhook backend posts: an {@code audit.k8s.io} {@code
 * EventList} (its usual body), a single {@code Event}, or a bare JSON array of events. It is
 * tolerant where real senders differ: {@code v1beta1} is accepted and items may leave out {@code
 * kind} and {@code apiVersion}. The events themselves are checked by the normaliser.
 */
public final class EventListReader {

  private static final String API_GROUP = "audit.k8s.io/";

  private final JsonMapper json;
  private final int maxEvents;

  public EventListReader(JsonMapper json, int maxEvents) {
    this.json = json;
    this.maxEvents = maxEvents;
  }

  /** The events of the body, in order. */
  public List<JsonNode> read(byte[] body) {
    JsonNode root = parse(body);
    if (root.isArray()) {
      return items(root);
    }
    if (!root.isObject()) {
      throw invalid(
          "invalid-body",
          "the body must be an audit.k8s.io EventList or Event object, not a JSON "
              + root.getNodeType().name().toLowerCase());
    }
    checkApiVersion(root, "the body");
    String kind = text(root.get("kind"));
    if ("EventList".equals(kind) || (kind == null && root.has("items"))) {
      JsonNode items = root.get("items");
      if (items == null || items.isNull()) {
        return List.of(); // Go encodes an empty list as null
      }
      if (!items.isArray()) {
        throw invalid(
            "invalid-body",
            "EventList.items must be an array, not a JSON "
                + items.getNodeType().name().toLowerCase());
      }
      return items(items);
    }
    if (kind == null || "Event".equals(kind)) {
      return List.of(root);
    }
    throw invalid(
        "unsupported-kind",
        "kind '" + kind + "' is not accepted: send an audit.k8s.io EventList or Event");
  }

  private JsonNode parse(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw invalid("malformed-json", "the body is not valid JSON: " + describe(e));
    }
    if (root == null || root.isMissingNode()) {
      throw invalid("empty-body", "the body is empty: send an audit.k8s.io EventList");
    }
    return root;
  }

  private List<JsonNode> items(JsonNode array) {
    if (array.size() > maxEvents) {
      throw new RequestTooLargeException(
          "too-many-events",
          "the request holds "
              + array.size()
              + " events; at most "
              + maxEvents
              + " are accepted per request");
    }
    List<JsonNode> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String where = "items[" + i + "]";
      if (!item.isObject()) {
        throw invalid("invalid-event", where + " is not a JSON object");
      }
      String kind = text(item.get("kind"));
      if (kind != null && !"Event".equals(kind)) {
        throw invalid("unsupported-kind", where + ": kind '" + kind + "' is not an audit Event");
      }
      checkApiVersion(item, where);
      events.add(item);
    }
    return events;
  }

  private static void checkApiVersion(JsonNode node, String where) {
    String apiVersion = text(node.get("apiVersion"));
    if (apiVersion != null && !apiVersion.startsWith(API_GROUP)) {
      throw invalid(
          "unsupported-api-version",
          where + ": apiVersion '" + apiVersion + "' is not audit.k8s.io/v1 (or v1beta1)");
    }
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  private static String describe(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    String message = e.getOriginalMessage();
    return at == null || at.getLineNr() < 0
        ? message
        : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private static InvalidEvidenceException invalid(String reason, String message) {
    return new InvalidEvidenceException(reason, message);
  }
}
