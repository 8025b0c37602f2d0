package io.palisade.schemas.binary;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the binary body of one record type by hand, without Avro's generic writer: no union
 * resolution, no logical-type conversion lookups and no per-string temporary objects for the
 * intakes' hot path. The bytes are the same as {@code SpecificDatumWriter}'s (a test compares them
 * on corpus events and on random records).
 *
 * <p>A writer is valid for exactly one writer schema: {@link #writtenFor} is that schema's parsing
 * fingerprint (CRC-64-AVRO of its parsing canonical form, the same fingerprint single-object
 * encoding puts in the header). When the schema changes in a way that changes its binary encoding,
 * the fingerprint changes and {@code PalisadeSerde} falls back to Avro's writer (and the test that
 * requires the hand-written writer fails, so it gets updated).
 */
public interface RecordWriter<T extends SpecificRecord> {

  /** The record type written. */
  Class<T> type();

  /** The parsing fingerprint of the schema this writer implements. */
  long writtenFor();

  /** Writes the record's body (no header). */
  void write(T record, AvroOutput out);

  /** Whether this writer implements {@code schema}'s binary encoding. */
  default boolean implementsSchema(Schema schema) {
    return org.apache.avro.SchemaNormalization.parsingFingerprint64(schema) == writtenFor();
  }
}
