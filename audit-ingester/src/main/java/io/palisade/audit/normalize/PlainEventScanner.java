package io.palisade.audit.normalize;

import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a webhook event straight from its bytes into a {@link PlainAuditEvent}, without a JSON
 * parser or tree, when it has the plain shape the API server sends: {@code auditID}, {@code stage},
 * {@code verb} non-empty strings, {@code user} an object, every other field the normaliser uses of
 * its usual type (strings, string arrays, string maps, an integer {@code responseStatus.code}), the
 * request and response objects JSON objects or arrays (kept as raw text, as {@link AuditEventJson}
 * keeps them), {@code kind} {@code Event} and {@code apiVersion} of {@code audit.k8s.io} when
 * present. Fields the normaliser does not use are skipped (their syntax is still checked). A
 * repeated field counts with its last value, as in a tree.
 *
 * <p>Anything else (a missing or mistyped field, a number where a string is expected, a field name
 * with an escape) makes the event not plain: the scanner skips it to its end and returns null, and
 * the caller reads it as a tree, so that errors, dead letters and odd-but-valid shapes keep the
 * tree path's behaviour exactly. Input the {@link JsonCursor} is not sure of throws {@link
 * JsonCursor.Unsure}. A test compares both paths on every corpus event and thousands of variants.
 */
public final class PlainEventScanner {

  /** Thrown inside the scanner when the event is not plain; never escapes it. */
  private static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  private static final byte[][] EVENT_FIELDS =
      JsonCursor.names(
          "kind",
          "apiVersion",
          "auditID",
          "stage",
          "verb",
          "level",
          "requestURI",
          "userAgent",
          "stageTimestamp",
          "requestReceivedTimestamp",
          "timestamp",
          "user",
          "impersonatedUser",
          "sourceIPs",
          "objectRef",
          "responseStatus",
          "requestObject",
          "responseObject",
          "annotations");

  private static final byte[][] USER_FIELDS =
      JsonCursor.names("username", "uid", "groups", "extra");

  private static final byte[][] OBJECT_REF_FIELDS =
      JsonCursor.names(
          "resource",
          "namespace",
          "name",
          "uid",
          "apiGroup",
          "apiVersion",
          "resourceVersion",
          "subresource");

  private static final byte[][] CODE = JsonCursor.names("code");

  private PlainEventScanner() {}

  /**
   * Reads the event object at the cursor and leaves the cursor after it.
   *
   * @param depth the depth of the event's container (the event itself is one deeper)
   * @return the event, or null when it is not plain
   * @throws JsonCursor.Unsure when the cursor is not sure of the event's bytes
   */
  public static PlainAuditEvent read(JsonCursor cursor, int depth) {
    int start = cursor.position();
    try {
      return event(cursor, depth + 1);
    } catch (NotPlain e) {
      cursor.reset(start);
      cursor.skipValue(depth);
      return null;
    }
  }

  private static PlainAuditEvent event(JsonCursor cursor, int depth) {
    cursor.expect('{');
    cursor.enter(depth);
    PlainAuditEvent event = new PlainAuditEvent();
    boolean hasUser = false;
    boolean first = true;
    while (cursor.more('}', first)) {
      first = false;
      int field = name(cursor, EVENT_FIELDS);
      switch (field) {
        case 0 -> {
          String kind = nullableString(cursor);
          if (kind != null && !kind.equals("Event")) {
            throw NOT_PLAIN;
          }
        }
        case 1 -> {
          String apiVersion = nullableString(cursor);
          if (apiVersion != null && !apiVersion.startsWith("audit.k8s.io/")) {
            throw NOT_PLAIN;
          }
        }
        case 2 -> event.auditId = nullableString(cursor);
        case 3 -> event.stage = nullableString(cursor);
        case 4 -> event.verb = nullableString(cursor);
        case 5 -> event.level = nullableString(cursor);
        case 6 -> event.requestUri = nullableString(cursor);
        case 7 -> event.userAgent = nullableString(cursor);
        case 8 -> event.stageTimestamp = nullableString(cursor);
        case 9 -> event.requestReceivedTimestamp = nullableString(cursor);
        case 10 -> event.timestamp = nullableString(cursor);
        case 11 -> {
          if (cursor.valueStart() != '{') {
            throw NOT_PLAIN;
          }
          event.user = user(cursor, depth + 1);
          hasUser = true;
        }
        case 12 -> event.impersonatedUser = nullableUser(cursor, depth + 1);
        case 13 -> event.sourceIps = strings(cursor, depth + 1);
        case 14 -> event.objectRef = objectRef(cursor, depth + 1);
        case 15 -> event.responseCode = responseCode(cursor, depth);
        case 16 -> event.requestObjectJson = raw(cursor, depth);
        case 17 -> event.responseObjectJson = raw(cursor, depth);
        case 18 -> event.annotations = stringMap(cursor, depth + 1);
        default -> cursor.skipValue(depth);
      }
    }
    if (isEmpty(event.auditId) || isEmpty(event.stage) || isEmpty(event.verb) || !hasUser) {
      throw NOT_PLAIN; // the tree path says what is missing
    }
    if (event.level == null) {
      event.level = "Metadata";
    }
    if (event.requestUri == null) {
      event.requestUri = "";
    }
    if (event.sourceIps == null) {
      event.sourceIps = new ArrayList<>();
    }
    if (event.annotations == null) {
      event.annotations = new LinkedHashMap<>();
    }
    return event;
  }

  /** A field name's index in {@code names}; a name with an escape makes the event not plain. */
  private static int name(JsonCursor cursor, byte[][] names) {
    try {
      return cursor.name(names);
    } catch (JsonCursor.Unsure e) {
      throw NOT_PLAIN; // skipping the event again tells an escape from an error
    }
  }

  private static UserInfo nullableUser(JsonCursor cursor, int depth) {
    if (cursor.nullValue()) {
      return null;
    }
    if (cursor.valueStart() != '{') {
      throw NOT_PLAIN;
    }
    return user(cursor, depth);
  }

  /** A user object; {@code depth} is its own depth. */
  private static UserInfo user(JsonCursor cursor, int depth) {
    cursor.expect('{');
    cursor.enter(depth);
    String username = null;
    String uid = null;
    List<String> groups = null;
    Map<String, List<String>> extra = null;
    boolean first = true;
    while (cursor.more('}', first)) {
      first = false;
      switch (name(cursor, USER_FIELDS)) {
        case 0 -> username = nullableString(cursor);
        case 1 -> uid = nullableString(cursor);
        case 2 -> groups = strings(cursor, depth + 1);
        case 3 -> extra = extra(cursor, depth + 1);
        default -> cursor.skipValue(depth);
      }
    }
    return new UserInfo(
        username == null ? "" : username,
        uid,
        groups == null ? new ArrayList<>() : groups,
        extra == null ? new LinkedHashMap<>() : extra);
  }

  private static Map<String, List<String>> extra(JsonCursor cursor, int depth) {
    if (!open(cursor, '{', depth)) {
      return null;
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    boolean first = true;
    while (cursor.more('}', first)) {
      first = false;
      String key = cursor.nameText();
      if (cursor.valueStart() != '[') {
        throw NOT_PLAIN;
      }
      extra.put(key, strings(cursor, depth + 1));
    }
    return extra;
  }

  private static ObjectReference objectRef(JsonCursor cursor, int depth) {
    if (!open(cursor, '{', depth)) {
      return null;
    }
    ObjectReference ref = new ObjectReference();
    boolean first = true;
    while (cursor.more('}', first)) {
      first = false;
      switch (name(cursor, OBJECT_REF_FIELDS)) {
        case 0 -> ref.setResource(nullableString(cursor));
        case 1 -> ref.setNamespace(nullableString(cursor));
        case 2 -> ref.setName(nullableString(cursor));
        case 3 -> ref.setUid(nullableString(cursor));
        case 4 -> ref.setApiGroup(nullableString(cursor));
        case 5 -> ref.setApiVersion(nullableString(cursor));
        case 6 -> ref.setResourceVersion(nullableString(cursor));
        case 7 -> ref.setSubresource(nullableString(cursor));
        default -> cursor.skipValue(depth);
      }
    }
    return ref;
  }

  /**
   * {@code responseStatus.code} when it is an int, as the normaliser takes it; else null. {@code
   * depth} is the depth of the status's container.
   */
  private static Integer responseCode(JsonCursor cursor, int depth) {
    if (cursor.valueStart() != '{') {
      cursor.skipValue(depth);
      return null;
    }
    cursor.expect('{');
    cursor.enter(depth + 1);
    Integer code = null;
    boolean first = true;
    while (cursor.more('}', first)) {
      first = false;
      if (name(cursor, CODE) == 0) {
        code = cursor.intOrNull(depth + 1);
      } else {
        cursor.skipValue(depth + 1);
      }
    }
    return code;
  }

  /** A request or response object as its raw text; null for JSON null. */
  private static String raw(JsonCursor cursor, int depth) {
    if (cursor.nullValue()) {
      return null;
    }
    int next = cursor.valueStart();
    if (next != '{' && next != '[') {
      throw NOT_PLAIN;
    }
    return cursor.rawContainer(depth);
  }

  /** An array of strings; null for JSON null. {@code depth} is the array's own depth. */
  private static List<String> strings(JsonCursor cursor, int depth) {
    if (!open(cursor, '[', depth)) {
      return null;
    }
    List<String> values = new ArrayList<>();
    boolean first = true;
    while (cursor.more(']', first)) {
      first = false;
      if (cursor.valueStart() != '"') {
        throw NOT_PLAIN;
      }
      values.add(cursor.string());
    }
    return values;
  }

  /** An object of strings; null for JSON null. {@code depth} is the object's own depth. */
  private static Map<String, String> stringMap(JsonCursor cursor, int depth) {
    if (!open(cursor, '{', depth)) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    boolean first = true;
    while (cursor.more('}', first)) {
      first = false;
      String key = cursor.nameText();
      if (cursor.valueStart() != '"') {
        throw NOT_PLAIN;
      }
      map.put(key, cursor.string());
    }
    return map;
  }

  /**
   * Opens the object or array that is the next value; false for JSON null, anything else is not
   * plain. {@code depth} is the container's own depth.
   */
  private static boolean open(JsonCursor cursor, char open, int depth) {
    if (cursor.nullValue()) {
      return false;
    }
    if (cursor.valueStart() != open) {
      throw NOT_PLAIN;
    }
    cursor.expect(open);
    cursor.enter(depth);
    return true;
  }

  /** A string, or null for JSON null; anything else is not plain. */
  private static String nullableString(JsonCursor cursor) {
    int next = cursor.valueStart();
    if (next == '"') {
      return cursor.string();
    }
    if (cursor.nullValue()) {
      return null;
    }
    throw NOT_PLAIN;
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }
}
