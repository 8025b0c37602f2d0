package io.palisade.audit.webhook;

import io.palisade.audit.normalize.AuditRecord;
import io.palisade.intake.InvalidEvidenceException;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * One piece of a request, an event of a batch or a line of NDJSON: where it was, its bytes as they
 * arrived (for its dead letter), and how to read it as an audit event.
 *
 * @param where e.g. {@code items[3]} or {@code line 7}
 * @param raw the bytes of this piece alone
 * @param parsed the piece as JSON, or null when it is not JSON
 * @param record reads the piece; throws {@link InvalidEvidenceException} when it is not an event
 */
record AuditItem(String where, byte[] raw, JsonNode parsed, Supplier<AuditRecord> record) {}
