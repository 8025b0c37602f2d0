package io.palisade.audit.normalize;

import io.palisade.intake.InvalidEvidenceException;
import tools.jackson.databind.JsonNode;

/**
 * Recognises a native {@code audit.k8s.io} {@code Event}: a JSON object whose {@code kind}, when
 * present, is {@code Event} and whose {@code apiVersion}, when present, is of the {@code
 * audit.k8s.io} group ({@code v1}, {@code v1beta1}). Webhook items and old log lines often leave
 * both out, so neither is required; the event's own fields are checked by the normaliser.
 */
public final class NativeEvents {

  private static final String API_GROUP = "audit.k8s.io/";

  private NativeEvents() {}

  /**
   * @throws InvalidEvidenceException {@code invalid-event}, {@code unsupported-kind} or {@code
   *     unsupported-api-version}, naming {@code where}
   */
  public static AuditRecord recognise(JsonNode node, IntakeFormat format, String where) {
    if (!node.isObject()) {
      throw new InvalidEvidenceException(
          "invalid-event",
          where + " is not a JSON object but a " + node.getNodeType().name().toLowerCase());
    }
    String kind = text(node.get("kind"));
    if (kind != null && !"Event".equals(kind)) {
      throw new InvalidEvidenceException(
          "unsupported-kind", where + ": kind '" + kind + "' is not an audit Event");
    }
    checkApiVersion(node, where);
    return AuditRecord.of(node, format);
  }

  /** An {@code apiVersion}, when present, must be of the {@code audit.k8s.io} group. */
  public static void checkApiVersion(JsonNode node, String where) {
    String apiVersion = text(node.get("apiVersion"));
    if (apiVersion != null && !apiVersion.startsWith(API_GROUP)) {
      throw new InvalidEvidenceException(
          "unsupported-api-version",
          where + ": apiVersion '" + apiVersion + "' is not audit.k8s.io/v1 (or v1beta1)");
    }
  }

  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }
}
