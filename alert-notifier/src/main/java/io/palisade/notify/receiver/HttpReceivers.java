package io.palisade.notify.receiver;

import io.palisade.avro.Incident;
import java.net.URI;

/** Checks and keys that every HTTP receiver shares. */
public final class HttpReceivers {

  private HttpReceivers() {}

  /**
   * Refuses a URL that is not absolute http(s) with a host, naming the property but showing the URL
   * only as its origin (the rest may be the secret).
   */
  public static URI requireHttpUrl(URI url, String property) {
    if (url == null
        || url.getHost() == null
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException(
          property
              + " must be an absolute http(s) URL with a host, got "
              + (url == null ? "none" : Redactor.display(url)));
    }
    return url;
  }

  /** A secret that must be set, e.g. a routing key; its value is never shown. */
  public static String requireSecret(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(property + " must be set");
    }
    return value.strip();
  }

  /** {@code <incident id>/<version>}: the same for every attempt at one incident version. */
  public static String idempotencyKey(Incident incident) {
    return incident.getId() + "/" + incident.getVersion();
  }
}
