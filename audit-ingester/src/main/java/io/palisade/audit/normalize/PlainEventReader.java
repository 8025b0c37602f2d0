package io.palisade.audit.normalize;

import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * Reads a webhook event straight from the parser into a {@link PlainAuditEvent}, without building a
 * JSON tree, when it has the plain shape the API server sends: {@code auditID}, {@code stage},
 * {@code verb} non-empty strings, {@code user} an object, every other field the normaliser uses of
 * its usual type (strings, string arrays, string maps, an integer {@code responseStatus.code}), the
 * request and response objects JSON objects or arrays (kept as raw text, as {@link AuditEventJson}
 * keeps them), {@code kind} {@code Event} and {@code apiVersion} of {@code audit.k8s.io} when
 * present. Fields the normaliser does not use are skipped (their syntax is still checked).
 *
 * <p>Anything else (a missing or mistyped field, a number where a string is expected) makes the
 * event not plain: the reader still consumes it to its end and returns null, and the caller reads
 * it again as a tree, so that errors, dead letters and odd-but-valid shapes keep the tree path's
 * behaviour exactly. A test compares both paths on every corpus event.
 */
public final class PlainEventReader {

  /** Thrown inside the reader when the event is not plain; never escapes it. */
  private static final class NotPlain extends RuntimeException {
    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  private PlainEventReader() {}

  /**
   * Reads the object at the parser's current token ({@code START_OBJECT}) and leaves the parser at
   * its {@code END_OBJECT}.
   *
   * @param source the bytes the parser reads, from offset 0
   * @return the event, or null when it is not plain
   */
  public static PlainAuditEvent read(JsonParser parser, byte[] source) {
    TokenStreamContext enclosing = parser.streamReadContext().getParent();
    try {
      return event(parser, source);
    } catch (NotPlain e) {
      // consume the rest of the event: until its END_OBJECT closes it
      while (parser.streamReadContext() != enclosing) {
        if (parser.nextToken() == null) {
          break; // truncated input: the parser reports it to the caller
        }
      }
      return null;
    }
  }

  private static PlainAuditEvent event(JsonParser parser, byte[] source) {
    PlainAuditEvent event = new PlainAuditEvent();
    boolean hasUser = false;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "kind" -> {
          String kind = nullableString(parser, value);
          if (kind != null && !kind.equals("Event")) {
            throw NOT_PLAIN;
          }
        }
        case "apiVersion" -> {
          String apiVersion = nullableString(parser, value);
          if (apiVersion != null && !apiVersion.startsWith("audit.k8s.io/")) {
            throw NOT_PLAIN;
          }
        }
        case "auditID" -> event.auditId = nullableString(parser, value);
        case "stage" -> event.stage = nullableString(parser, value);
        case "verb" -> event.verb = nullableString(parser, value);
        case "level" -> event.level = nullableString(parser, value);
        case "requestURI" -> event.requestUri = nullableString(parser, value);
        case "userAgent" -> event.userAgent = nullableString(parser, value);
        case "stageTimestamp" -> event.stageTimestamp = nullableString(parser, value);
        case "requestReceivedTimestamp" ->
            event.requestReceivedTimestamp = nullableString(parser, value);
        case "timestamp" -> event.timestamp = nullableString(parser, value);
        case "user" -> {
          if (value != JsonToken.START_OBJECT) {
            throw NOT_PLAIN;
          }
          event.user = user(parser);
          hasUser = true;
        }
        case "impersonatedUser" -> {
          if (value == JsonToken.VALUE_NULL) {
            event.impersonatedUser = null;
          } else if (value == JsonToken.START_OBJECT) {
            event.impersonatedUser = user(parser);
          } else {
            throw NOT_PLAIN;
          }
        }
        case "sourceIPs" -> event.sourceIps = strings(parser, value);
        case "objectRef" -> event.objectRef = objectRef(parser, value);
        case "responseStatus" -> event.responseCode = responseCode(parser, value);
        case "requestObject" -> event.requestObjectJson = raw(parser, value, source);
        case "responseObject" -> event.responseObjectJson = raw(parser, value, source);
        case "annotations" -> event.annotations = stringMap(parser, value);
        default -> parser.skipChildren();
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

  private static UserInfo user(JsonParser parser) {
    String username = null;
    String uid = null;
    List<String> groups = null;
    Map<String, List<String>> extra = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "username" -> username = nullableString(parser, value);
        case "uid" -> uid = nullableString(parser, value);
        case "groups" -> groups = strings(parser, value);
        case "extra" -> extra = extra(parser, value);
        default -> parser.skipChildren();
      }
    }
    return new UserInfo(
        username == null ? "" : username,
        uid,
        groups == null ? new ArrayList<>() : groups,
        extra == null ? new LinkedHashMap<>() : extra);
  }

  private static Map<String, List<String>> extra(JsonParser parser, JsonToken value) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw NOT_PLAIN;
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      JsonToken values = parser.nextToken();
      if (values != JsonToken.START_ARRAY) {
        throw NOT_PLAIN;
      }
      extra.put(key, strings(parser, values));
    }
    return extra;
  }

  private static ObjectReference objectRef(JsonParser parser, JsonToken value) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw NOT_PLAIN;
    }
    ObjectReference ref = new ObjectReference();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken field = parser.nextToken();
      switch (name) {
        case "resource" -> ref.setResource(nullableString(parser, field));
        case "namespace" -> ref.setNamespace(nullableString(parser, field));
        case "name" -> ref.setName(nullableString(parser, field));
        case "uid" -> ref.setUid(nullableString(parser, field));
        case "apiGroup" -> ref.setApiGroup(nullableString(parser, field));
        case "apiVersion" -> ref.setApiVersion(nullableString(parser, field));
        case "resourceVersion" -> ref.setResourceVersion(nullableString(parser, field));
        case "subresource" -> ref.setSubresource(nullableString(parser, field));
        default -> parser.skipChildren();
      }
    }
    return ref;
  }

  /** {@code responseStatus.code} when it is an int, as the normaliser takes it; else null. */
  private static Integer responseCode(JsonParser parser, JsonToken value) {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    Integer code = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken field = parser.nextToken();
      if (name.equals("code")) {
        code =
            field == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() == JsonParser.NumberType.INT
                ? parser.getIntValue()
                : null;
      }
      parser.skipChildren();
    }
    return code;
  }

  /** A request or response object as its raw text; null for JSON null. */
  private static String raw(JsonParser parser, JsonToken value, byte[] source) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT && value != JsonToken.START_ARRAY) {
      throw NOT_PLAIN;
    }
    int start = (int) parser.currentTokenLocation().getByteOffset();
    parser.skipChildren();
    int end = (int) parser.currentLocation().getByteOffset();
    return new String(source, start, end - start, StandardCharsets.UTF_8);
  }

  /** An array of strings; null for JSON null. */
  private static List<String> strings(JsonParser parser, JsonToken value) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_ARRAY) {
      throw NOT_PLAIN;
    }
    List<String> values = new ArrayList<>();
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (item != JsonToken.VALUE_STRING) {
        throw NOT_PLAIN;
      }
      values.add(parser.getString());
    }
    return values;
  }

  /** An object of strings; null for JSON null. */
  private static Map<String, String> stringMap(JsonParser parser, JsonToken value) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw NOT_PLAIN;
    }
    Map<String, String> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        throw NOT_PLAIN;
      }
      map.put(key, parser.getString());
    }
    return map;
  }

  /** A string, or null for JSON null; anything else is not plain. */
  private static String nullableString(JsonParser parser, JsonToken value) {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NOT_PLAIN;
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }
}
