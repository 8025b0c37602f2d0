package io.palisade.admission.webhook;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /validate}: the endpoint the API server's ValidatingWebhookConfiguration calls. The
 * {@code ?timeout=} query parameter it adds is ignored; the answer takes milliseconds.
 */
@RestController
class ValidateController {

  private final AdmissionReviewHandler handler;

  ValidateController(AdmissionReviewHandler handler) {
    this.handler = handler;
  }

  @PostMapping(
      path = "/validate",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AdmissionReviewResponse validate(@RequestBody JsonNode review) {
    return handler.handle(review);
  }
}
