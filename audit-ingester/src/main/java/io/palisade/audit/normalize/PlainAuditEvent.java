package io.palisade.audit.normalize;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An audit event of the plain, common shape, read straight from the webhook's stream by {@link
 * PlainEventScanner} without a JSON tree: every field the normaliser uses has the type the API
 * server sends. {@link #toAuditEvent} gives exactly the record {@link AuditEventNormalizer} makes
 * of the same event when nothing in it needs redacting; whether something might is {@code
 * AuditRedactor#mayNeedRedaction}'s to say, and when it might, or when the event is not plain, the
 * intake takes the tree path.
 */
public final class PlainAuditEvent {

  String auditId;
  String stage;
  String verb;
  String level;
  String requestUri;
  UserInfo user;
  UserInfo impersonatedUser;
  List<String> sourceIps;
  String userAgent;
  ObjectReference objectRef;
  Integer responseCode;
  String requestObjectJson;
  String responseObjectJson;
  Map<String, String> annotations;
  String stageTimestamp;
  String requestReceivedTimestamp;
  String timestamp;

  PlainAuditEvent() {}

  /** {@code objectRef.resource}, may be null. */
  public String resource() {
    return objectRef == null ? null : objectRef.getResource();
  }

  /** {@code objectRef.subresource}, may be null. */
  public String subresource() {
    return objectRef == null ? null : objectRef.getSubresource();
  }

  /** {@code requestURI} as sent, empty when absent. */
  public String requestUri() {
    return requestUri;
  }

  /** The request object's raw JSON text, or null. */
  public String requestObjectJson() {
    return requestObjectJson;
  }

  /** The response object's raw JSON text, or null. */
  public String responseObjectJson() {
    return responseObjectJson;
  }

  /** The record, as the normaliser makes it of a webhook event that needs no redaction. */
  public AuditEvent toAuditEvent(String cluster, Instant ingestTime) {
    return new AuditEvent(
        auditId + "/" + stage,
        cluster,
        eventTime(ingestTime),
        ingestTime,
        auditId,
        stage,
        level,
        verb,
        requestUri,
        user,
        impersonatedUser,
        sourceIps,
        userAgent,
        objectRef,
        responseCode,
        requestObjectJson,
        responseObjectJson,
        annotations,
        IntakeFormat.WEBHOOK.value());
  }

  /** stageTimestamp, else requestReceivedTimestamp, else timestamp, else the ingest time. */
  private Instant eventTime(Instant ingestTime) {
    for (String text : new String[] {stageTimestamp, requestReceivedTimestamp, timestamp}) {
      if (text != null) {
        var time = AuditTimestamps.parse(text);
        if (time.isPresent()) {
          return time.get();
        }
      }
    }
    return ingestTime;
  }
}
