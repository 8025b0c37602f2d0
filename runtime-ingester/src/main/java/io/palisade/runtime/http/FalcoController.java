package io.palisade.runtime.http;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.BoundedBody;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.PublishException;
import io.palisade.intake.RequestTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Falco's {@code http_output} target: one alert per request. 200 only once the alert is on Kafka;
 * 400 and 413 name what was wrong; 503 when Kafka cannot take it.
 */
@RestController
class FalcoController {

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
  AcceptedAlert receive(HttpServletRequest request) throws IOException {
    try {
      byte[] body =
          BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
      RuntimeAlert alert = intake.accept(body);
      metrics.accepted(alert);
      return new AcceptedAlert(1, alert.getId());
    } catch (InvalidEvidenceException e) {
      metrics.rejected(e.reason());
      throw e;
    } catch (RequestTooLargeException e) {
      metrics.rejected(e.reason());
      throw e;
    } catch (PublishException e) {
      metrics.rejected(e.reason());
      throw e;
    }
  }

  /** The success body: one alert accepted, and the id it was published under. */
  record AcceptedAlert(int accepted, String id) {}
}
