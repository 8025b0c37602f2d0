package io.palisade.correlation.api;

import java.util.Map;

/**
 * A request the incident API answers with an error: the HTTP status, a stable machine-readable
 * {@code reason}, a message for humans that names the input and what was wrong, and optional
 * details (e.g. the survivor of a merged incident).
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String reason;
  private final Map<String, String> details;

  public ApiException(int status, String reason, String message, Map<String, String> details) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.details = Map.copyOf(details);
  }

  public static ApiException badRequest(String reason, String message) {
    return new ApiException(400, reason, message, Map.of());
  }

  public static ApiException notFound(String id) {
    return new ApiException(404, "unknown-incident", "no incident with id " + id, Map.of());
  }

  public static ApiException unavailable(String reason, String message) {
    return new ApiException(503, reason, message, Map.of());
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public Map<String, String> details() {
    return details;
  }
}
