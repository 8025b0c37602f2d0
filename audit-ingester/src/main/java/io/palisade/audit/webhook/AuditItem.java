package io.palisade.audit.webhook;

import io.palisade.audit.normalize.AuditRecord;
import io.palisade.intake.InvalidEvidenceException;
import java.util.Arrays;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * One piece of a request, an event of a batch or a line of NDJSON: where it was, its bytes as they
 * arrived (for its dead letter), and how to read it as an audit event.
 *
 * @param where e.g. {@code items[3]} or {@code line 7}
 * @param source the bytes this piece is part of (the whole body, or the piece alone)
 * @param offset where the piece starts in {@code source}
 * @param length how many bytes of {@code source} it has
 * @param parsed the piece as JSON, or null when it is not JSON
 * @param record reads the piece; throws {@link InvalidEvidenceException} when it is not an event
 */
record AuditItem(
    String where,
    byte[] source,
    int offset,
    int length,
    JsonNode parsed,
    Supplier<AuditRecord> record) {

  /** A piece that has its own array of bytes. */
  AuditItem(String where, byte[] raw, JsonNode parsed, Supplier<AuditRecord> record) {
    this(where, raw, 0, raw.length, parsed, record);
  }

  /**
   * The bytes of this piece alone. Copied on demand: only a dead letter needs them, so a valid
   * event of a batch costs no copy.
   */
  byte[] raw() {
    return offset == 0 && length == source.length
        ? source
        : Arrays.copyOfRange(source, offset, offset + length);
  }
}
