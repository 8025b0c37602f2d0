package io.palisade.intake;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Turns intake failures into JSON {@link ApiError} bodies: bad input is a 4xx that names what was
 * wrong (413 for requests over a limit), an unavailable Kafka is a 503 with {@code Retry-After} so
 * that senders retry, and anything unexpected a 500 that is logged. Every error is counted by its
 * reason when {@link IntakeMetrics} are present. Import it with
 * {@code @Import(IntakeExceptionHandler.class)}. It has the lowest precedence, so that a service's
 * own advice handles what it knows first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class IntakeExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(IntakeExceptionHandler.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final IntakeMetrics metrics;

  public IntakeExceptionHandler(ObjectProvider<IntakeMetrics> metrics) {
    this.metrics = metrics.getIfAvailable(IntakeMetrics::unregistered);
  }

  @ExceptionHandler(InvalidEvidenceException.class)
  ResponseEntity<ApiError> invalid(InvalidEvidenceException e) {
    return error(HttpStatus.BAD_REQUEST, e.reason(), e.getMessage());
  }

  @ExceptionHandler(RequestTooLargeException.class)
  ResponseEntity<ApiError> tooLarge(RequestTooLargeException e) {
    return error(HttpStatus.CONTENT_TOO_LARGE, e.reason(), e.getMessage());
  }

  /** A Jackson limit hit by a mapper that does not answer in Palisade's terms itself. */
  @ExceptionHandler(StreamConstraintsException.class)
  ResponseEntity<ApiError> constraint(StreamConstraintsException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.startsWith("Document nesting depth")) {
      return error(HttpStatus.BAD_REQUEST, "too-deeply-nested", message);
    }
    if (message.startsWith("String value length")) {
      return error(HttpStatus.CONTENT_TOO_LARGE, "event-too-large", message);
    }
    if (message.startsWith("Document length") || message.startsWith("Token count")) {
      return error(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", message);
    }
    if (message.startsWith("Name length")) {
      return error(HttpStatus.BAD_REQUEST, "name-too-long", message);
    }
    return error(HttpStatus.BAD_REQUEST, "number-too-long", message);
  }

  /**
   * Jackson throws this, not a {@code JacksonException}, for a number it cannot represent exactly
   * (e.g. {@code 1e9999999999} read as a {@code BigDecimal}): the input is at fault.
   */
  @ExceptionHandler(NumberFormatException.class)
  ResponseEntity<ApiError> number(NumberFormatException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        "invalid-number",
        "a JSON number cannot be read: " + e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, "malformed-json", "the request body is not valid JSON");
  }

  /** The body could not be read to its end, e.g. the sender broke the connection. */
  @ExceptionHandler(IOException.class)
  ResponseEntity<ApiError> unreadableBody(IOException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        "unreadable-body",
        "the request body could not be read: " + e.getClass().getSimpleName());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return error(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "content type " + e.getContentType() + " is not accepted; send application/json");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return error(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND, "not-found", "no endpoint at /" + e.getResourcePath());
  }

  @ExceptionHandler(PublishException.class)
  ResponseEntity<ApiError> unavailable(PublishException e) {
    log.warn("evidence not accepted, Kafka unavailable: {}", e.getMessage());
    metrics.rejected(e.reason());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(503, e.reason(), e.getMessage()));
  }

  /**
   * Spring MVC's own refusals (a missing header, an unacceptable Accept, …) keep their status;
   * anything else is a bug, answered 500 and logged, never a stack trace in the body.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    if (e instanceof ErrorResponse response) {
      HttpStatusCode status = response.getStatusCode();
      HttpStatus known = HttpStatus.resolve(status.value());
      String reason =
          known == null
              ? "http-" + status.value()
              : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
      return error(status, reason, response.getBody().getDetail());
    }
    log.error("intake request failed unexpectedly", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the request could not be processed");
  }

  private ResponseEntity<ApiError> error(HttpStatusCode status, String reason, String message) {
    metrics.rejected(reason);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(status.value(), reason, message == null ? reason : message));
  }
}
