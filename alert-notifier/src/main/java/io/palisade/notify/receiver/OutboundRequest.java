package io.palisade.notify.receiver;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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
 */
public record OutboundRequest(
    String receiver,
    URI url,
    String json,
    Map<String, String> headers,
    String idempotencyKey,
    Duration timeout) {

  public OutboundRequest {
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(timeout, "timeout");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  Redactor redactor() {
    return Redactor.of(url, headers.values());
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
        + "]";
  }
}
