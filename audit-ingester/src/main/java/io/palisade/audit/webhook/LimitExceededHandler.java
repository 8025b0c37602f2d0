package io.palisade.audit.webhook;

import io.palisade.intake.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers a request over the configured limits with a JSON 413, like the other intake errors. */
@RestControllerAdvice
class LimitExceededHandler {

  @ExceptionHandler(LimitExceededException.class)
  ResponseEntity<ApiError> tooLarge(LimitExceededException e) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(HttpStatus.CONTENT_TOO_LARGE.value(), e.reason(), e.getMessage()));
  }
}
