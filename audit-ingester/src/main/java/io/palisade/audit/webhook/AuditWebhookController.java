package io.palisade.audit.webhook;

import io.palisade.audit.webhook.AuditIntake.BodyFormat;
import io.palisade.intake.BoundedBody;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.IntakeProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit intake endpoints: the API server's webhook backend posts JSON, log shippers post NDJSON
 * to the same paths. The API server retries any non-2xx answer, so 200 is given only once the
 * request's events and dead letters are on Kafka; 400 and 413 name what was wrong with the request
 * as a whole, 503 asks for a retry.
 */
@RestController
class AuditWebhookController {

  static final String NDJSON = "application/x-ndjson";

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
    return accept(request, BodyFormat.EVENT_LIST, defaultCluster, "POST /v1/audit");
  }

  @PostMapping(
      path = "/v1/audit/{cluster}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AcceptedEvents receiveFor(@PathVariable String cluster, HttpServletRequest request)
      throws IOException {
    return accept(request, BodyFormat.EVENT_LIST, cluster, "POST /v1/audit/" + cluster);
  }

  @PostMapping(path = "/v1/audit", consumes = NDJSON, produces = MediaType.APPLICATION_JSON_VALUE)
  AcceptedEvents receiveLines(HttpServletRequest request) throws IOException {
    return accept(request, BodyFormat.NDJSON, defaultCluster, "POST /v1/audit");
  }

  @PostMapping(
      path = "/v1/audit/{cluster}",
      consumes = NDJSON,
      produces = MediaType.APPLICATION_JSON_VALUE)
  AcceptedEvents receiveLinesFor(@PathVariable String cluster, HttpServletRequest request)
      throws IOException {
    return accept(request, BodyFormat.NDJSON, cluster, "POST /v1/audit/" + cluster);
  }

  private AcceptedEvents accept(
      HttpServletRequest request, BodyFormat format, String cluster, String origin)
      throws IOException {
    // a refusal (IntakeRejection) is answered and counted by the intake's exception handler
    byte[] body =
        BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
    IntakeResult result = intake.accept(body, format, cluster, origin);
    metrics.accepted(result);
    return new AcceptedEvents(result.accepted(), result.deadLettered(), result.filtered());
  }

  /**
   * The success body.
   *
   * @param accepted events published
   * @param deadLettered items that were not valid events, published to the dead-letter topic
   * @param filtered events dropped by the noise filter
   */
  record AcceptedEvents(int accepted, int deadLettered, int filtered) {}
}
