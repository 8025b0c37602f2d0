package io.palisade.schemas.binary;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The hand-written writers, registered in one place: the record types the intakes publish at
 * volume. Every other type is written by Avro's own writer.
 */
public final class RecordWriters {

  private static final List<RecordWriter<?>> ALL =
      List.of(new AuditEventWriter(), new RuntimeAlertWriter());

  private RecordWriters() {}

  /** The hand-written writer of {@code type} when there is one and it implements {@code schema}. */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> Optional<RecordWriter<T>> forType(
      Class<T> type, Schema schema) {
    for (RecordWriter<?> writer : ALL) {
      if (writer.type() == type && writer.implementsSchema(schema)) {
        return Optional.of((RecordWriter<T>) writer);
      }
    }
    return Optional.empty();
  }
}
