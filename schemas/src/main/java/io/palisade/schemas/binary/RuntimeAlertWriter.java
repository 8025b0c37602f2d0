package io.palisade.schemas.binary;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;

/** The hand-written binary writer of {@link RuntimeAlert}. */
public final class RuntimeAlertWriter implements RecordWriter<RuntimeAlert> {

  /** Parsing fingerprint of RuntimeAlert as of this writer; see {@link RecordWriter#writtenFor}. */
  static final long WRITTEN_FOR = 0xFE14EBA2D08E960EL;

  @Override
  public Class<RuntimeAlert> type() {
    return RuntimeAlert.class;
  }

  @Override
  public long writtenFor() {
    return WRITTEN_FOR;
  }

  @Override
  public void write(RuntimeAlert alert, AvroOutput out) {
    out.writeString(alert.getId(), "RuntimeAlert.id");
    out.writeString(alert.getCluster(), "RuntimeAlert.cluster");
    out.writeLong(AuditEventWriter.millis(alert.getEventTime(), "RuntimeAlert.eventTime"));
    out.writeLong(alert.getEventTimeNanos());
    out.writeLong(AuditEventWriter.millis(alert.getIngestTime(), "RuntimeAlert.ingestTime"));
    out.writeString(alert.getRule(), "RuntimeAlert.rule");
    FalcoPriority priority = alert.getPriority();
    if (priority == null) {
      throw AvroOutput.nullValue("RuntimeAlert.priority");
    }
    out.writeInt(priority.ordinal());
    out.writeString(alert.getSource(), "RuntimeAlert.source");
    out.writeString(alert.getHostname(), "RuntimeAlert.hostname");
    out.writeString(alert.getOutput(), "RuntimeAlert.output");
    out.writeStringArray(alert.getTags(), "RuntimeAlert.tags");
    out.writeNullableStringMap(alert.getOutputFields(), "RuntimeAlert.outputFields");
    out.writeNullableString(alert.getNamespace());
    out.writeNullableString(alert.getPod());
    out.writeNullableString(alert.getContainerId());
    out.writeNullableString(alert.getImage());
    Severity severity = alert.getSeverity();
    if (severity == null) {
      throw AvroOutput.nullValue("RuntimeAlert.severity");
    }
    out.writeInt(severity.ordinal());
    out.writeStringArray(alert.getTactics(), "RuntimeAlert.tactics");
    out.writeStringArray(alert.getTechniques(), "RuntimeAlert.techniques");
  }
}
