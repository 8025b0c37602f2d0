package io.palisade.audit.redact;

import io.palisade.audit.normalize.AuditEventJson;
import io.palisade.audit.normalize.PlainAuditEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps secret values out of what is published: they are replaced with {@value #MARKER} and the
 * keys are kept, so detections still see which keys were touched. Inputs are never changed; a
 * redacted copy is returned, and the input itself when there is nothing to redact.
 *
 * <ul>
 *   <li>Secrets (by {@code objectRef.resource} {@code secrets}, or by {@code kind} {@code Secret} /
 *       {@code SecretList} of a body): every value under {@code data} and {@code stringData} in the
 *       request and response objects, also in each item of a list and in a merge patch; the {@code
 *       kubectl.kubernetes.io/last-applied-configuration} annotation, whose data values are
 *       redacted the same way (the whole annotation is replaced when it is not JSON); every
 *       operation's {@code value} of a JSON-Patch body, and of the {@code
 *       patch.webhook.admission.k8s.io/*} annotations mutating webhooks add; a body that is not
 *       JSON at all (e.g. an apply patch kept as text) is replaced whole.
 *   <li>TokenRequest ({@code serviceaccounts/token}): {@code status.token}.
 *   <li>TokenReview: {@code spec.token} (the response repeats the spec) and {@code status.token}.
 *   <li>Credentials in the query string of {@code requestURI} (see {@link RequestUriRedactor}).
 *   <li>The configured extra paths ({@link RedactionPath}), in any event.
 * </ul>
 *
 * Every replaced value is reported to the {@link RedactionCounter}.
 *
 * <p>A body the reader kept as raw JSON text ({@link AuditEventJson}) is parsed only when it may
 * hold a secret: when the event's resource says so, when its text holds {@code "Secret} or {@code
 * "TokenRe} (the start of the kinds {@code Secret}, {@code SecretList}, {@code TokenRequest},
 * {@code TokenReview} as a JSON string, anywhere in the body, which is broader than the tree
 * rules), when it holds a Unicode escape (backslash u: it could spell those kinds otherwise), or
 * when an extra path leads into it. Every other raw body is passed on as it is.
 */
public final class AuditRedactor {

  public static final String MARKER = "<redacted>";

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  static final String WEBHOOK_PATCH_PREFIX = "patch.webhook.admission.k8s.io/";

  private static final List<String> BODIES = List.of("requestObject", "responseObject");

  /** Texts whose presence in a raw body means it must be parsed and checked. */
  private static final List<String> RAW_SECRET_HINTS = List.of("\"Secret", "\"TokenRe", "\\u");

  private final List<RedactionPath> extraPaths;
  private final RedactionCounter counter;
  private final JsonMapper json;
  private final RequestUriRedactor uris = new RequestUriRedactor();

  /** The built-in rules only, counted nowhere. */
  public AuditRedactor() {
    this(List.of(), RedactionCounter.NONE, JsonMapper.builder().build());
  }

  public AuditRedactor(List<RedactionPath> extraPaths, RedactionCounter counter, JsonMapper json) {
    this.extraPaths = List.copyOf(extraPaths);
    this.counter = counter;
    this.json = json;
  }

  /**
   * A redacted copy of a whole audit event in its native shape, or {@code event} itself when
   * nothing in it is secret.
   */
  public JsonNode redactEvent(JsonNode event) {
    if (!(event instanceof ObjectNode) || !mayHoldSecrets(event)) {
      return event;
    }
    ObjectNode copy = (ObjectNode) event.deepCopy();
    Map<RedactionKind, Integer> counts = new EnumMap<>(RedactionKind.class);
    String resource = text(copy.path("objectRef").get("resource"));
    String subresource = text(copy.path("objectRef").get("subresource"));
    for (String body : BODIES) {
      JsonNode object = copy.get(body);
      if (object != null && !object.isNull()) {
        if (AuditEventJson.isRaw(object)) {
          if (!bodyMayHoldSecrets(object, resource, subresource) && !extraPathEnters(body)) {
            continue; // nothing secret in it and no path to apply: passed on as it arrived
          }
          object = AuditEventJson.materialise(object, json);
          copy.set(body, object);
        }
        redactBody(copy, body, object, resource, subresource, counts);
      }
    }
    if ("secrets".equals(resource) && copy.get("annotations") instanceof ObjectNode annotations) {
      for (String name : List.copyOf(annotations.propertyNames())) {
        if (name.startsWith(WEBHOOK_PATCH_PREFIX)) {
          add(counts, RedactionKind.SECRET_PATCH, redactWebhookPatch(annotations, name));
        }
      }
    }
    JsonNode uri = copy.get("requestURI");
    if (uri != null && uri.isString()) {
      RequestUriRedactor.Result result = uris.redact(uri.asString());
      if (result.redacted() > 0) {
        copy.put("requestURI", result.uri());
        add(counts, RedactionKind.URI_CREDENTIAL, result.redacted());
      }
    }
    for (RedactionPath path : extraPaths) {
      add(counts, RedactionKind.EXTRA_PATH, path.redact(copy));
    }
    counts.forEach(counter::redacted);
    return copy;
  }

  /**
   * For input that may not be an audit event at all, such as an item that was refused: the event
   * rules, then the body rules on the value itself (a bare Secret, say).
   */
  public JsonNode redactAnywhere(JsonNode node) {
    return redact(null, null, redactEvent(node));
  }

  /**
   * A redacted copy of one request or response object (or {@code object} itself when nothing in it
   * is secret); the extra paths, which are relative to the whole event, are not applied.
   *
   * @param resource the event's {@code objectRef.resource}, may be null
   * @param subresource the event's {@code objectRef.subresource}, may be null
   * @param object a request or response object, may be null
   */
  public JsonNode redact(String resource, String subresource, JsonNode object) {
    if (object == null || object.isNull() || !bodyMayHoldSecrets(object, resource, subresource)) {
      return object;
    }
    ObjectNode holder = json.createObjectNode();
    holder.set(
        "body",
        AuditEventJson.isRaw(object)
            ? AuditEventJson.materialise(object, json)
            : object.deepCopy());
    Map<RedactionKind, Integer> counts = new EnumMap<>(RedactionKind.class);
    redactBody(holder, "body", holder.get("body"), resource, subresource, counts);
    counts.forEach(counter::redacted);
    return holder.get("body");
  }

  /**
   * Whether a webhook event read without a tree might need redacting: when it might, it is
   * normalised through its tree by {@link #redactEvent}; when not, its plain fields are published
   * as they are. Broader than {@link #redactEvent}'s own test: any extra path, any event about
   * Secrets, token reviews or token requests, a raw body with a secret hint, a credential in the
   * request URI.
   */
  public boolean mayNeedRedaction(PlainAuditEvent event) {
    if (!extraPaths.isEmpty()) {
      return true;
    }
    String resource = event.resource();
    if ("secrets".equals(resource)
        || "tokenreviews".equals(resource)
        || ("serviceaccounts".equals(resource) && "token".equals(event.subresource()))) {
      return true;
    }
    if (rawMayHoldSecrets(event.requestObjectJson())
        || rawMayHoldSecrets(event.responseObjectJson())) {
      return true;
    }
    return uris.redact(event.requestUri()).redacted() > 0;
  }

  private static boolean rawMayHoldSecrets(String raw) {
    if (raw == null) {
      return false;
    }
    for (String hint : RAW_SECRET_HINTS) {
      if (raw.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  private boolean mayHoldSecrets(JsonNode event) {
    JsonNode ref = event.path("objectRef");
    String resource = text(ref.get("resource"));
    String subresource = text(ref.get("subresource"));
    for (String body : BODIES) {
      JsonNode object = event.get(body);
      if (object != null && !object.isNull() && bodyMayHoldSecrets(object, resource, subresource)) {
        return true;
      }
    }
    if ("secrets".equals(resource) && event.get("annotations") instanceof ObjectNode annotations) {
      for (String name : annotations.propertyNames()) {
        if (name.startsWith(WEBHOOK_PATCH_PREFIX)) {
          return true;
        }
      }
    }
    JsonNode uri = event.get("requestURI");
    if (uri != null && uri.isString() && uris.redact(uri.asString()).redacted() > 0) {
      return true; // most queries (?limit=500, ?watch=true) hold no credential: no copy for them
    }
    for (RedactionPath path : extraPaths) {
      if (path.reaches(event)) {
        return true;
      }
    }
    for (String body : BODIES) {
      if (AuditEventJson.isRaw(event.get(body)) && extraPathEnters(body)) {
        return true; // a raw body must be parsed to know whether a path reaches into it
      }
    }
    return false;
  }

  private boolean extraPathEnters(String body) {
    for (RedactionPath path : extraPaths) {
      if (path.enters(body)) {
        return true;
      }
    }
    return false;
  }

  private static boolean bodyMayHoldSecrets(JsonNode object, String resource, String subresource) {
    if ("secrets".equals(resource) || "tokenreviews".equals(resource)) {
      return true;
    }
    if ("serviceaccounts".equals(resource) && "token".equals(subresource)) {
      return true;
    }
    String raw = AuditEventJson.rawText(object);
    if (raw != null) {
      for (String hint : RAW_SECRET_HINTS) {
        if (raw.contains(hint)) {
          return true;
        }
      }
      return false;
    }
    String kind = text(object.get("kind"));
    return "Secret".equals(kind)
        || "SecretList".equals(kind)
        || "TokenRequest".equals(kind)
        || "TokenReview".equals(kind)
        || (object.get("items") instanceof ArrayNode items && hasSecretItem(items));
  }

  /** Redacts {@code owner[field]}, a request or response object. */
  private void redactBody(
      ObjectNode owner,
      String field,
      JsonNode object,
      String resource,
      String subresource,
      Map<RedactionKind, Integer> counts) {
    String kind = text(object.get("kind"));
    boolean secrets =
        "secrets".equals(resource) || "Secret".equals(kind) || "SecretList".equals(kind);
    if (secrets) {
      if (object instanceof ArrayNode operations) {
        add(counts, RedactionKind.SECRET_PATCH, redactJsonPatch(operations));
      } else if (object instanceof ObjectNode secret) {
        redactSecret(secret, counts);
      } else {
        // not JSON structure (e.g. an apply patch kept as text): nothing can be kept
        add(counts, RedactionKind.SECRET_DATA, Redaction.replace(owner, field, object));
      }
      return;
    }
    if (("serviceaccounts".equals(resource) && "token".equals(subresource))
        || "TokenRequest".equals(kind)) {
      add(
          counts,
          RedactionKind.TOKEN_REQUEST,
          Redaction.replaceField(object.path("status"), "token"));
    } else if ("tokenreviews".equals(resource) || "TokenReview".equals(kind)) {
      add(counts, RedactionKind.TOKEN_REVIEW, Redaction.replaceField(object.path("spec"), "token"));
      add(
          counts,
          RedactionKind.TOKEN_REVIEW,
          Redaction.replaceField(object.path("status"), "token"));
    } else if (object.get("items") instanceof ArrayNode items) {
      for (JsonNode item : items) {
        if (item instanceof ObjectNode secret && "Secret".equals(text(item.get("kind")))) {
          redactSecret(secret, counts);
        }
      }
    }
  }

  /** A Secret, a list of them, or a merge patch of one. */
  private void redactSecret(ObjectNode secret, Map<RedactionKind, Integer> counts) {
    add(counts, RedactionKind.SECRET_DATA, redactValues(secret, "data"));
    add(counts, RedactionKind.SECRET_DATA, redactValues(secret, "stringData"));
    if (secret.path("metadata").get("annotations") instanceof ObjectNode annotations) {
      JsonNode lastApplied = annotations.get(LAST_APPLIED);
      if (lastApplied != null && !lastApplied.isNull()) {
        add(counts, RedactionKind.LAST_APPLIED, redactLastApplied(annotations, lastApplied));
      }
    }
    if (secret.get("items") instanceof ArrayNode items) {
      for (JsonNode item : items) {
        if (item instanceof ObjectNode each) {
          redactSecret(each, counts);
        }
      }
    }
  }

  /** Every value of the map {@code owner[field]}; the whole field if it is not a map. */
  private static int redactValues(ObjectNode owner, String field) {
    JsonNode values = owner.get(field);
    if (values == null || values.isNull()) {
      return 0;
    }
    return values instanceof ObjectNode map
        ? Redaction.replaceValuesIn(map)
        : Redaction.replace(owner, field, values);
  }

  /**
   * The annotation repeats the whole applied Secret as JSON: its data values are redacted inside,
   * so the keys stay visible; text that is not a JSON object is replaced whole.
   */
  private int redactLastApplied(ObjectNode annotations, JsonNode value) {
    if (value.isString()) {
      try {
        JsonNode applied = json.readTree(value.asString());
        if (applied instanceof ObjectNode secret) {
          Map<RedactionKind, Integer> inner = new EnumMap<>(RedactionKind.class);
          redactSecret(secret, inner);
          if (inner.isEmpty()) {
            return 0; // applied without data: nothing secret in it
          }
          annotations.put(LAST_APPLIED, json.writeValueAsString(secret));
          return 1;
        }
      } catch (JacksonException e) {
        // not JSON: replaced whole below
      }
    }
    return Redaction.replace(annotations, LAST_APPLIED, value);
  }

  /** A mutating webhook's patch of a Secret: a JSON object whose {@code patch} is a JSON Patch. */
  private int redactWebhookPatch(ObjectNode annotations, String name) {
    JsonNode value = annotations.get(name);
    if (value != null && value.isString()) {
      try {
        JsonNode annotation = json.readTree(value.asString());
        JsonNode patch = annotation.get("patch");
        if (annotation instanceof ObjectNode && patch instanceof ArrayNode operations) {
          int redacted = redactJsonPatch(operations);
          annotations.put(name, json.writeValueAsString(annotation));
          return redacted;
        }
      } catch (JacksonException e) {
        // not the JSON expected: replaced whole below
      }
    }
    return Redaction.replace(annotations, name, value);
  }

  /** Every operation's {@code value}; objects keep their keys. */
  private static int redactJsonPatch(ArrayNode operations) {
    int count = 0;
    for (JsonNode operation : operations) {
      if (operation instanceof ObjectNode op) {
        count += Redaction.replace(op, "value", op.get("value"));
      }
    }
    return count;
  }

  private static boolean hasSecretItem(ArrayNode items) {
    for (JsonNode item : items) {
      if ("Secret".equals(text(item.get("kind")))) {
        return true;
      }
    }
    return false;
  }

  private static void add(Map<RedactionKind, Integer> counts, RedactionKind kind, int values) {
    if (values > 0) {
      counts.merge(kind, values, Integer::sum);
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }
}
