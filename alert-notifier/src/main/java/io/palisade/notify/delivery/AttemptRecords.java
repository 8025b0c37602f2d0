package io.palisade.notify.delivery;

import io.palisade.avro.DeliveryOutcome;
import io.palisade.avro.Incident;
import io.palisade.avro.NotificationRecord;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.silence.Silence;
import io.palisade.schemas.CloudEvent;
import java.time.Instant;

/** Turns one delivery attempt into the delivery-log record and its CloudEvent. */
final class AttemptRecords {

  static final String SERVICE = "alert-notifier";

  private AttemptRecords() {}

  static NotificationRecord of(
      Incident incident, String receiver, int attempt, DeliveryResult result, Instant finished) {
    return of(incident, receiver, attempt, result, finished, null, null);
  }

  /**
   * @param took how long the attempt took, null when unknown
   * @param reason why this version is notified (a {@code NotifyPolicy.Reason}), null when unknown
   */
  static NotificationRecord of(
      Incident incident,
      String receiver,
      int attempt,
      DeliveryResult result,
      Instant finished,
      java.time.Duration took,
      String reason) {
    return NotificationRecord.newBuilder()
        .setId(incident.getId() + "/" + incident.getVersion() + "/" + receiver + "/" + attempt)
        .setCluster(incident.getCluster())
        .setEventTime(finished)
        .setIngestTime(incident.getIngestTime())
        .setIncidentId(incident.getId())
        .setIncidentVersion(incident.getVersion())
        .setReceiver(receiver)
        .setAttempt(attempt)
        .setOutcome(result.delivered() ? DeliveryOutcome.DELIVERED : DeliveryOutcome.FAILED)
        .setStatusCode(result.statusCode())
        .setError(result.error())
        .setLatencyMs(took == null ? null : took.toMillis())
        .setReason(reason)
        .build();
  }

  /** A notification a silence held back: outcome SILENCED, attempt 0, the silence named. */
  static NotificationRecord silenced(
      Incident incident, String receiver, Silence silence, Instant now, String reason) {
    return NotificationRecord.newBuilder()
        .setId(incident.getId() + "/" + incident.getVersion() + "/" + receiver + "/silenced")
        .setCluster(incident.getCluster())
        .setEventTime(now)
        .setIngestTime(incident.getIngestTime())
        .setIncidentId(incident.getId())
        .setIncidentVersion(incident.getVersion())
        .setReceiver(receiver)
        .setAttempt(0)
        .setOutcome(DeliveryOutcome.SILENCED)
        .setStatusCode(null)
        .setError("silenced by " + silence.id() + " (" + silence.author() + ")")
        .setReason(reason)
        .build();
  }

  static CloudEvent eventOf(NotificationRecord record, String eventType) {
    return new CloudEvent(
        record.getId(),
        CloudEvent.sourceOf(SERVICE, record.getCluster()),
        eventType,
        record.getEventTime(),
        record.getIncidentId());
  }
}
