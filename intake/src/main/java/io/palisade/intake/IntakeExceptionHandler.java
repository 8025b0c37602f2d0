package io.palisade.intake;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns intake failures into JSON {@link ApiError} bodies: bad input is a 4xx that names what was
 * wrong (413 for requests over a limit), an unavailable Kafka is a 503 with {@code Retry-After} so
 * that senders retry. Import it with {@code @Import(IntakeExceptionHandler.class)}.
 */
@RestControllerAdvice
public class IntakeExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(IntakeExceptionHandler.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  @ExceptionHandler(InvalidEvidenceException.class)
  ResponseEntity<ApiError> invalid(InvalidEvidenceException e) {
    return error(HttpStatus.BAD_REQUEST, e.reason(), e.getMessage());
  }

  @ExceptionHandler(RequestTooLargeException.class)
  ResponseEntity<ApiError> tooLarge(RequestTooLargeException e) {
    return error(HttpStatus.CONTENT_TOO_LARGE, e.reason(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, "malformed-json", "the request body is not valid JSON");
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
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(503, e.reason(), e.getMessage()));
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String reason, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(status.value(), reason, message));
  }
}
