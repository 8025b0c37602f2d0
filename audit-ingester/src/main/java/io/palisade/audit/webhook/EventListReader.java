package io.palisade.audit.webhook;

import io.palisade.audit.normalize.AuditEventJson;
import io.palisade.audit.normalize.IntakeFormat;
import io.palisade.audit.normalize.JsonCursor;
import io.palisade.audit.normalize.NativeEvents;
import io.palisade.audit.normalize.PlainAuditEvent;
import io.palisade.audit.normalize.PlainEventScanner;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what the API server's audit webhook backend posts: an {@code audit.k8s.io} {@code
 * EventList} (its usual body), a single {@code Event}, or a bare JSON array of events. A body that
 * is not JSON, or not one of these, is refused as a whole (400); the items are returned one by one
 * with their own bytes, so that one bad item can be dead-lettered while its neighbours are
 * published. Tolerant where real senders differ: {@code v1beta1} is accepted and items may leave
 * out {@code kind} and {@code apiVersion}.
 *
 * <p>The usual body, an {@code EventList} of plain events, is read from its bytes by {@link
 * PlainEventScanner} without a parser; whatever the scanner is not sure of, the whole body is read
 * again with Jackson, every item as a tree, which then gives the answer (a test compares the two on
 * thousands of mutated bodies).
 */
public final class EventListReader {

  private final JsonMapper json;
  private final AuditEventJson events;
  private final int maxEvents;
  private final StreamReadConstraints constraints;

  public EventListReader(JsonMapper json, int maxEvents) {
    this.json = json;
    this.events = new AuditEventJson(json);
    this.maxEvents = maxEvents;
    this.constraints = json.tokenStreamFactory().streamReadConstraints();
  }

  /**
   * The items of the body as JSON, in order: what {@link #read} parses, for tools and benchmarks.
   */
  public List<JsonNode> readEvents(byte[] body) {
    return read(body).stream().map(AuditItem::parsed).toList();
  }

  /** The items of the body, in order. */
  List<AuditItem> read(byte[] body) {
    List<AuditItem> scanned = scan(body);
    return scanned != null ? scanned : readAsTrees(body);
  }

  /**
   * The items of an {@code EventList} (or a bare array) of event objects read by the scanner, or
   * null when it is not sure of the body or the body is of another form.
   */
  List<AuditItem> scan(byte[] body) {
    try {
      JsonCursor cursor = new JsonCursor(body, constraints);
      List<AuditItem> items;
      if (cursor.peek() == '[') {
        items = scanItems(cursor, 0);
      } else {
        items = scanEventList(cursor);
      }
      return items != null && cursor.atEnd() ? items : null;
    } catch (JsonCursor.Unsure e) {
      return null;
    }
  }

  private static final byte[][] EVENT_LIST_FIELDS =
      JsonCursor.names("kind", "apiVersion", "metadata", "items");

  /** An EventList with items, or null when the body is of another kind or form. */
  private List<AuditItem> scanEventList(JsonCursor cursor) {
    cursor.expect('{');
    String kind = null;
    String apiVersion = null;
    List<AuditItem> items = null;
    boolean[] seen = new boolean[EVENT_LIST_FIELDS.length];
    boolean first = true;
    while (cursor.more('}', first)) {
      first = false;
      int field = cursor.name(EVENT_LIST_FIELDS);
      if (field < 0 || seen[field]) {
        return null; // left to the tree path: another field, or a repeated one
      }
      seen[field] = true;
      switch (field) {
        case 0 -> kind = cursor.valueStart() == '"' ? cursor.string() : null;
        case 1 -> apiVersion = cursor.valueStart() == '"' ? cursor.string() : null;
        case 2 -> cursor.skipValue(1);
        default -> items = cursor.valueStart() == '[' ? scanItems(cursor, 1) : null;
      }
      if (field != 2 && (kind == null && seen[0] || apiVersion == null && seen[1])) {
        return null; // kind or apiVersion not a string
      }
      if (field == 3 && items == null) {
        return null;
      }
    }
    boolean eventList = "EventList".equals(kind) || (kind == null && items != null);
    boolean auditGroup = apiVersion == null || apiVersion.startsWith("audit.k8s.io/");
    return eventList && auditGroup ? items : null;
  }

  /**
   * The items of an array of event objects; null when one is not an object or there are too many.
   *
   * @param depth the depth of the array's container
   */
  private List<AuditItem> scanItems(JsonCursor cursor, int depth) {
    cursor.expect('[');
    cursor.enter(depth + 1);
    List<AuditItem> items = new ArrayList<>();
    byte[] body = cursor.bytes();
    boolean first = true;
    while (cursor.more(']', first)) {
      first = false;
      if (items.size() == maxEvents || cursor.valueStart() != '{') {
        return null; // the tree path refuses the request, or reads the item as it must
      }
      int start = cursor.position();
      PlainAuditEvent plain = PlainEventScanner.read(cursor, depth + 1);
      int end = cursor.position();
      // read as a tree only when asked: at once when not plain, else for redaction or a dead letter
      Supplier<JsonNode> tree = () -> events.read(Arrays.copyOfRange(body, start, end));
      if (plain == null) {
        JsonNode node = tree.get();
        tree = () -> node;
      }
      items.add(webhookItem(items.size(), body, start, end, plain, tree));
    }
    return items;
  }

  /** The items of the body, in order, each read as a tree by Jackson. */
  List<AuditItem> readAsTrees(byte[] body) {
    try (JsonParser parser = json.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw invalid("empty-body", "the body is empty: send an audit.k8s.io EventList");
      }
      List<AuditItem> items;
      if (first == JsonToken.START_ARRAY) {
        items = items(parser, body);
      } else if (first == JsonToken.START_OBJECT) {
        items = object(parser, body);
      } else {
        JsonNode scalar = parser.readValueAsTree();
        throw invalid(
            "invalid-body",
            "the body must be an audit.k8s.io EventList or Event object, not a JSON "
                + scalar.getNodeType().name().toLowerCase());
      }
      if (parser.nextToken() != null) {
        throw invalid("malformed-json", "the body is not valid JSON: content after the end");
      }
      return items;
    } catch (JacksonException e) {
      throw invalid("malformed-json", "the body is not valid JSON: " + describe(e));
    }
  }

  /** An EventList, or a single Event; the parser is at the object's start. */
  private List<AuditItem> object(JsonParser parser, byte[] body) {
    ObjectNode root = json.createObjectNode();
    List<AuditItem> items = null;
    JsonNode itemsNode = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("items") && value == JsonToken.START_ARRAY) {
        items = items(parser, body);
        itemsNode = json.createArrayNode();
      } else {
        JsonNode node = parser.readValueAsTree();
        root.set(name, node);
        if (name.equals("items")) {
          items = null;
          itemsNode = node;
        }
      }
    }
    NativeEvents.checkApiVersion(root, "the body");
    String kind = text(root.get("kind"));
    if ("EventList".equals(kind) || (kind == null && itemsNode != null)) {
      if (itemsNode == null || itemsNode.isNull()) {
        return List.of(); // Go encodes an empty list as null
      }
      if (items == null) {
        throw invalid(
            "invalid-body",
            "EventList.items must be an array, not a JSON "
                + itemsNode.getNodeType().name().toLowerCase());
      }
      return items;
    }
    if (kind == null || "Event".equals(kind)) {
      if (itemsNode != null) {
        root.set("items", itemsNode);
      }
      return List.of(item("event", body, root));
    }
    throw invalid(
        "unsupported-kind",
        "kind '" + kind + "' is not accepted: send an audit.k8s.io EventList or Event");
  }

  /** The elements of an array; the parser is at its start and is left at its end. */
  private List<AuditItem> items(JsonParser parser, byte[] body) {
    List<AuditItem> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (items.size() == maxEvents) {
        throw new RequestTooLargeException(
            "too-many-events",
            "the request holds more than "
                + maxEvents
                + " events; at most "
                + maxEvents
                + " are accepted per request");
      }
      int start = (int) parser.currentTokenLocation().getByteOffset();
      JsonNode node = events.read(parser, body);
      int end = (int) parser.currentLocation().getByteOffset();
      items.add(webhookItem(items.size(), body, start, end, null, () -> node));
    }
    return items;
  }

  /** The item at {@code index} of an array of events, from {@code start} to {@code end}. */
  private static AuditItem webhookItem(
      int index, byte[] body, int start, int end, PlainAuditEvent plain, Supplier<JsonNode> tree) {
    String where = "items[" + index + "]";
    return new AuditItem(
        where,
        body,
        start,
        end - start,
        plain,
        tree,
        node -> NativeEvents.recognise(node, IntakeFormat.WEBHOOK, where));
  }

  private static AuditItem item(String where, byte[] raw, JsonNode node) {
    return new AuditItem(
        where, raw, node, () -> NativeEvents.recognise(node, IntakeFormat.WEBHOOK, where));
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  static String describe(JacksonException e) {
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
