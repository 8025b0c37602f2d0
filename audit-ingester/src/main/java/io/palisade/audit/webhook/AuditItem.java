package io.palisade.audit.webhook;

import io.palisade.audit.normalize.AuditRecord;
import io.palisade.audit.normalize.PlainAuditEvent;
import io.palisade.intake.InvalidEvidenceException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * One piece of a request, an event of a batch or a line of NDJSON: where it was, its bytes as they
 * arrived (for its dead letter), and how to read it as an audit event. A webhook event of the plain
 * shape also comes as a {@link PlainAuditEvent} read without a tree; its tree is then built only
 * when asked for (when it needs redacting, or for its dead letter).
 */
final class AuditItem {

  private final String where;
  private final byte[] source;
  private final int offset;
  private final int length;
  private final PlainAuditEvent plain;
  private Supplier<JsonNode> tree;
  private JsonNode parsed;
  private final Function<JsonNode, AuditRecord> record;

  /**
   * @param where e.g. {@code items[3]} or {@code line 7}
   * @param source the bytes this piece is part of (the whole body, or the piece alone)
   * @param offset where the piece starts in {@code source}
   * @param length how many bytes of {@code source} it has
   * @param plain the event read without a tree, or null
   * @param tree reads the piece as JSON when asked (null when it is not JSON)
   * @param record reads the piece's tree as an audit event; throws {@link InvalidEvidenceException}
   *     when it is not one
   */
  AuditItem(
      String where,
      byte[] source,
      int offset,
      int length,
      PlainAuditEvent plain,
      Supplier<JsonNode> tree,
      Function<JsonNode, AuditRecord> record) {
    this.where = where;
    this.source = source;
    this.offset = offset;
    this.length = length;
    this.plain = plain;
    this.tree = tree;
    this.record = record;
  }

  /** A piece read as a tree, with its own array of bytes. */
  AuditItem(String where, byte[] raw, JsonNode parsed, Supplier<AuditRecord> record) {
    this(where, raw, 0, raw.length, null, () -> parsed, node -> record.get());
  }

  String where() {
    return where;
  }

  /** The plain event, or null when the piece has to be read as a tree. */
  PlainAuditEvent plain() {
    return plain;
  }

  /** The piece as JSON, or null when it is not JSON. */
  JsonNode parsed() {
    if (tree != null) {
      parsed = tree.get();
      tree = null;
    }
    return parsed;
  }

  /** Reads the piece as an audit event (throws {@link InvalidEvidenceException} when not one). */
  Supplier<AuditRecord> record() {
    return () -> record.apply(parsed());
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
