package io.palisade.runtime.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.BoundedBody;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.schemas.DeadLetter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/falco}: one alert as JSON (Falco's {@code http_output}, Falcosidekick's webhook)
 * or a batch of {@code json_output} lines as NDJSON. 200 only once everything is on Kafka; 400 and
 * 413 name what was wrong; 503 when Kafka cannot take it.
 */
@RestController
class FalcoController {

  static final String NDJSON = "application/x-ndjson";

  private final FalcoIntake intake;
  private final FalcoIntakeMetrics metrics;
  private final long maxBodyBytes;

  FalcoController(
      FalcoIntake intake, FalcoIntakeMetrics metrics, IntakeEndpointProperties endpoint) {
    this.intake = intake;
    this.metrics = metrics;
    this.maxBodyBytes = endpoint.limits().maxBodySize().toBytes();
  }

  @PostMapping(
      path = "/v1/falco",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Answer receiveAlert(HttpServletRequest request) throws IOException {
    FalcoIntake.Outcome outcome = receive(request, intake::accept);
    String id = outcome.published().isEmpty() ? null : outcome.published().get(0).getId();
    return Answer.of(outcome, id);
  }

  @PostMapping(path = "/v1/falco", consumes = NDJSON, produces = MediaType.APPLICATION_JSON_VALUE)
  Answer receiveLines(HttpServletRequest request) throws IOException {
    return Answer.of(receive(request, intake::acceptLines), null);
  }

  private FalcoIntake.Outcome receive(
      HttpServletRequest request, Function<byte[], FalcoIntake.Outcome> accept) throws IOException {
    // a refusal (IntakeRejection) is answered and counted by the intake's exception handler
    byte[] body =
        BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
    FalcoIntake.Outcome outcome = accept.apply(body);
    for (RuntimeAlert alert : outcome.published()) {
      metrics.accepted(alert);
    }
    for (RuntimeAlert message : outcome.internal()) {
      metrics.internal(message);
    }
    for (DeadLetter deadLetter : outcome.deadLetters()) {
      metrics.deadLettered(deadLetter.reason());
    }
    return outcome;
  }

  /**
   * The success body: how many alerts were published, how many lines went to the dead-letter topic,
   * how many internal Falco messages were counted; {@code id} is the published alert's id when one
   * alert was sent as JSON.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(int accepted, int deadLettered, int internal, String id) {

    static Answer of(FalcoIntake.Outcome outcome, String id) {
      return new Answer(
          outcome.published().size(), outcome.deadLetters().size(), outcome.internal().size(), id);
    }
  }
}
