package io.palisade.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.DeliveryOutcome;
import io.palisade.avro.Incident;
import io.palisade.avro.NotificationRecord;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.schemas.CloudEvent;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptRecordsTest {

  private static final Instant FINISHED = Instant.parse("2026-11-20T09:14:12.500Z");
  private final Incident incident = IncidentFixtures.incident("exec-reverse-shell");

  @Test
  void recordsAFailedAttemptWithStatusAndError() {
    NotificationRecord record =
        AttemptRecords.of(
            incident,
            "webhook",
            2,
            DeliveryResult.ofResponse(503, Optional.empty(), "busy"),
            FINISHED);

    assertThat(record.getId()).isEqualTo("inc-prod-eu-7f3c2a91/4/webhook/2");
    assertThat(record.getCluster()).isEqualTo("prod-eu");
    assertThat(record.getEventTime()).isEqualTo(FINISHED);
    assertThat(record.getIngestTime()).isEqualTo(incident.getIngestTime());
    assertThat(record.getIncidentId()).isEqualTo("inc-prod-eu-7f3c2a91");
    assertThat(record.getIncidentVersion()).isEqualTo(4);
    assertThat(record.getReceiver()).isEqualTo("webhook");
    assertThat(record.getAttempt()).isEqualTo(2);
    assertThat(record.getOutcome()).isEqualTo(DeliveryOutcome.FAILED);
    assertThat(record.getStatusCode()).isEqualTo(503);
    assertThat(record.getError()).isEqualTo("HTTP 503: busy");
  }

  @Test
  void recordsADeliveryWithoutError() {
    NotificationRecord record =
        AttemptRecords.of(
            incident, "webhook", 1, DeliveryResult.ofResponse(204, Optional.empty(), ""), FINISHED);

    assertThat(record.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    assertThat(record.getStatusCode()).isEqualTo(204);
    assertThat(record.getError()).isNull();
  }

  @Test
  void describesTheAttemptAsACloudEventOfTheIncidentsCluster() {
    NotificationRecord record =
        AttemptRecords.of(
            incident, "webhook", 1, DeliveryResult.ofResponse(200, Optional.empty(), ""), FINISHED);

    CloudEvent event = AttemptRecords.eventOf(record, "io.palisade.notification.v1");

    assertThat(event.id()).isEqualTo("inc-prod-eu-7f3c2a91/4/webhook/1");
    assertThat(event.source()).isEqualTo(URI.create("/palisade/alert-notifier/prod-eu"));
    assertThat(event.type()).isEqualTo("io.palisade.notification.v1");
    assertThat(event.time()).isEqualTo(FINISHED);
    assertThat(event.subject()).isEqualTo("inc-prod-eu-7f3c2a91");
  }

  @Test
  void recordsHowLongTheAttemptTookAndWhyItWasMade() {
    NotificationRecord record =
        AttemptRecords.of(
            incident,
            "slack",
            1,
            DeliveryResult.ofResponse(200, Optional.empty(), null),
            FINISHED,
            java.time.Duration.ofMillis(42),
            "SEVERITY_INCREASED");

    assertThat(record.getLatencyMs()).isEqualTo(42L);
    assertThat(record.getReason()).isEqualTo("SEVERITY_INCREASED");
    assertThat(record.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
  }
}
