package io.palisade.audit.webhook;

import io.palisade.intake.BoundedBody;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.IntakeProperties;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.PublishException;
import io.palisade.intake.RequestTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit webhook backend's endpoints. The API server retries any non-2xx answer, so 200 is given
 * only once the batch is on Kafka; 400 and 413 name what was wrong, 503 asks for a retry.
 */
@RestController
class AuditWebhookController {

  private final AuditIntake intake;
  private final AuditIntakeMetrics metrics;
  private final String defaultCluster;
  private final long maxBodyBytes;

  AuditWebhookController(
      AuditIntake intake,
      AuditIntakeMetrics metrics,
      IntakeProperties palisade,
      IntakeEndpointProperties endpoint) {
    this.intake = intake;
    this.metrics = metrics;
    this.defaultCluster = palisade.cluster();
    this.maxBodyBytes = endpoint.limits().maxBodySize().toBytes();
  }

  @PostMapping(
      path = "/v1/audit",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AcceptedEvents receive(HttpServletRequest request) throws IOException {
    return accept(request, defaultCluster);
  }

  @PostMapping(
      path = "/v1/audit/{cluster}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AcceptedEvents receiveFor(@PathVariable String cluster, HttpServletRequest request)
      throws IOException {
    return accept(request, cluster);
  }

  private AcceptedEvents accept(HttpServletRequest request, String cluster) throws IOException {
    try {
      byte[] body =
          BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
      int accepted = intake.accept(body, cluster);
      metrics.accepted(accepted);
      return new AcceptedEvents(accepted);
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

  /** The success body: how many events were published. */
  record AcceptedEvents(int accepted) {}
}
