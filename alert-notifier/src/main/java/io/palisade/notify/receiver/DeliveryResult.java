package io.palisade.notify.receiver;

import java.time.Duration;
import java.util.Optional;

/**
 * What one delivery attempt came to.
 *
 * @param status delivered, worth retrying, or rejected for good
 * @param statusCode the HTTP status, null when no response arrived
 * @param retryAfter how long the receiver asked us to wait (Retry-After), null when it did not say
 * @param error what went wrong, free of secrets; null when delivered
 */
public record DeliveryResult(Status status, Integer statusCode, Duration retryAfter, String error) {

  /** The three ways an attempt can end. */
  public enum Status {
    /** The receiver accepted the incident (2xx). */
    DELIVERED,
    /** Worth trying again: 408, 429, 5xx, or no response (I/O error, timeout). */
    RETRYABLE,
    /** The receiver refused the request itself (other 4xx, 3xx): trying again cannot help. */
    REJECTED
  }

  /** Classifies an HTTP status code. */
  public static Status classify(int statusCode) {
    if (statusCode >= 200 && statusCode < 300) {
      return Status.DELIVERED;
    }
    if (statusCode == 408 || statusCode == 429 || statusCode >= 500) {
      return Status.RETRYABLE;
    }
    return Status.REJECTED;
  }

  /** The result of an HTTP response; {@code detail} (e.g. the start of the body) must be safe. */
  public static DeliveryResult ofResponse(
      int statusCode, Optional<Duration> retryAfter, String detail) {
    Status status = classify(statusCode);
    String error = null;
    if (status != Status.DELIVERED) {
      error =
          detail == null || detail.isBlank()
              ? "HTTP " + statusCode
              : "HTTP " + statusCode + ": " + detail.strip();
    }
    return new DeliveryResult(status, statusCode, retryAfter.orElse(null), error);
  }

  /** No response arrived (connection refused, reset, timeout …): always worth retrying. */
  public static DeliveryResult noResponse(String error) {
    return new DeliveryResult(Status.RETRYABLE, null, null, error);
  }

  /** The receiver could not even build its request: a defect or misconfiguration, not retried. */
  public static DeliveryResult notSent(String error) {
    return new DeliveryResult(Status.REJECTED, null, null, error);
  }

  public boolean delivered() {
    return status == Status.DELIVERED;
  }

  public boolean retryable() {
    return status == Status.RETRYABLE;
  }

  public Optional<Duration> requestedDelay() {
    return Optional.ofNullable(retryAfter);
  }
}
