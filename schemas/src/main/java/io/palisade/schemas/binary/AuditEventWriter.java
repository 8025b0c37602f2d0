package io.palisade.schemas.binary;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import java.time.Instant;

/** The hand-written binary writer of {@link AuditEvent} (and its {@code UserInfo}, references). */
public final class AuditEventWriter implements RecordWriter<AuditEvent> {

  /** Parsing fingerprint of AuditEvent as of this writer; see {@link RecordWriter#writtenFor}. */
  static final long WRITTEN_FOR = 0x72E8D022A3161D3EL;

  @Override
  public Class<AuditEvent> type() {
    return AuditEvent.class;
  }

  @Override
  public long writtenFor() {
    return WRITTEN_FOR;
  }

  @Override
  public void write(AuditEvent event, AvroOutput out) {
    out.writeString(event.getId(), "AuditEvent.id");
    out.writeString(event.getCluster(), "AuditEvent.cluster");
    out.writeLong(millis(event.getEventTime(), "AuditEvent.eventTime"));
    out.writeLong(millis(event.getIngestTime(), "AuditEvent.ingestTime"));
    out.writeString(event.getAuditId(), "AuditEvent.auditId");
    out.writeString(event.getStage(), "AuditEvent.stage");
    out.writeString(event.getLevel(), "AuditEvent.level");
    out.writeString(event.getVerb(), "AuditEvent.verb");
    out.writeString(event.getRequestUri(), "AuditEvent.requestUri");
    UserInfo user = event.getUser();
    if (user == null) {
      throw AvroOutput.nullValue("AuditEvent.user");
    }
    writeUser(user, out);
    UserInfo impersonated = event.getImpersonatedUser();
    if (impersonated == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      writeUser(impersonated, out);
    }
    out.writeStringArray(event.getSourceIps(), "AuditEvent.sourceIps");
    out.writeNullableString(event.getUserAgent());
    ObjectReference ref = event.getObjectRef();
    if (ref == null) {
      out.writeInt(0);
    } else {
      out.writeInt(1);
      out.writeNullableString(ref.getResource());
      out.writeNullableString(ref.getNamespace());
      out.writeNullableString(ref.getName());
      out.writeNullableString(ref.getUid());
      out.writeNullableString(ref.getApiGroup());
      out.writeNullableString(ref.getApiVersion());
      out.writeNullableString(ref.getResourceVersion());
      out.writeNullableString(ref.getSubresource());
    }
    out.writeNullableInt(event.getResponseCode());
    out.writeNullableString(event.getRequestObjectJson());
    out.writeNullableString(event.getResponseObjectJson());
    out.writeStringMap(event.getAnnotations(), "AuditEvent.annotations");
    out.writeString(event.getIntakeFormat(), "AuditEvent.intakeFormat");
  }

  private static void writeUser(UserInfo user, AvroOutput out) {
    out.writeString(user.getUsername(), "UserInfo.username");
    out.writeNullableString(user.getUid());
    out.writeStringArray(user.getGroups(), "UserInfo.groups");
    out.writeStringArrayMap(user.getExtra(), "UserInfo.extra");
  }

  static long millis(Instant time, String what) {
    if (time == null) {
      throw AvroOutput.nullValue(what);
    }
    return time.toEpochMilli();
  }
}
