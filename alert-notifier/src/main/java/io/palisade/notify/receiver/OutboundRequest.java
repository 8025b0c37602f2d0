package io.palisade.notify.receiver;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One JSON POST a receiver wants sent. Every header value is treated as sensitive (they carry
 * authorization), so none of them, nor the URL beyond its origin, ever reaches a log or a record.
 *
 * @param receiver the receiver's name, for logs
 * @param url where to POST
 * @param json the body, {@code application/json}
 * @param headers extra headers, e.g. {@code Authorization}; all treated as secret
 * @param idempotencyKey sent as {@code Idempotency-Key} (not secret), null for none
 * @param timeout how long to wait for the response
 * @param contentType the body's media type, e.g. {@code application/cloudevents+json}
 * @param bodySecrets secrets carried in the body itself (e.g. a PagerDuty routing key): never in
 *     the body's place in a log, but an error answer that echoes them is redacted too
 */
public record OutboundRequest(
    String receiver,
    URI url,
    String json,
    Map<String, String> headers,
    String idempotencyKey,
    Duration timeout,
    String contentType,
    Set<String> bodySecrets) {

  public static final String JSON = "application/json";

  public OutboundRequest {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(timeout, "timeout");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    contentType = contentType == null ? JSON : contentType;
    bodySecrets = bodySecrets == null ? Set.of() : Set.copyOf(bodySecrets);
  }

  /** A plain JSON POST with no secret in its body. */
  public OutboundRequest(
      String receiver,
      URI url,
      String json,
      Map<String, String> headers,
      String idempotencyKey,
      Duration timeout) {
    this(receiver, url, json, headers, idempotencyKey, timeout, JSON, Set.of());
  }

  /** The same request with another content type. */
  public OutboundRequest withContentType(String type) {
    return new OutboundRequest(
        receiver, url, json, headers, idempotencyKey, timeout, type, bodySecrets);
  }

  /** The same request, knowing that {@code secrets} appear in its body. */
  public OutboundRequest withBodySecrets(Set<String> secrets) {
    return new OutboundRequest(
        receiver, url, json, headers, idempotencyKey, timeout, contentType, secrets);
  }

  /** The redactor for everything this request must not reveal. */
  public Redactor redactor() {
    java.util.List<String> secrets = new java.util.ArrayList<>(headers.values());
    secrets.addAll(bodySecrets);
    return Redactor.of(url, secrets);
  }

  @Override
  public String toString() {
    return "OutboundRequest[receiver="
        + receiver
        + ", url="
        + Redactor.display(url)
        + ", headers="
        + headers.keySet()
        + ", idempotencyKey="
        + idempotencyKey
        + ", bytes="
        + json.length()
        + ", timeout="
        + timeout
        + ", contentType="
        + contentType
        + "]";
  }
}
