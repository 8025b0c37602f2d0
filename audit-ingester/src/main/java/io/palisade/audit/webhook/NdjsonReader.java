package io.palisade.audit.webhook;

import io.palisade.audit.normalize.AuditEventJson;
import io.palisade.audit.normalize.ShippedRecordMapper;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads NDJSON ({@code application/x-ndjson}) from log shippers: one JSON object per line, blank
 * lines ignored, lines numbered from 1 as an editor numbers them. Each line is read on its own, so
 * a malformed line is dead-lettered and its neighbours are published; only a body in which no line
 * is JSON at all is refused as a whole. What a line may hold is {@link ShippedRecordMapper}'s
 * business.
 */
public final class NdjsonReader {

  private final AuditEventJson events;
  private final ShippedRecordMapper records;
  private final int maxEvents;

  public NdjsonReader(JsonMapper json, ShippedRecordMapper records, int maxEvents) {
    this.events = new AuditEventJson(json);
    this.records = records;
    this.maxEvents = maxEvents;
  }

  /** The non-blank lines of the body, in order. */
  List<AuditItem> read(byte[] body) {
    List<AuditItem> items = new ArrayList<>();
    String firstError = null;
    boolean anyJson = false;
    int lineNumber = 0;
    for (int start = 0; start < body.length; ) {
      int end = indexOfNewline(body, start);
      int contentEnd = end > start && body[end - 1] == '\r' ? end - 1 : end;
      lineNumber++;
      if (!isBlank(body, start, contentEnd)) {
        if (items.size() == maxEvents) {
          throw new RequestTooLargeException(
              "too-many-events",
              "the request holds more than "
                  + maxEvents
                  + " lines; at most "
                  + maxEvents
                  + " events are accepted per request");
        }
        String where = "line " + lineNumber;
        byte[] raw = Arrays.copyOfRange(body, start, contentEnd);
        try {
          JsonNode node = events.read(raw);
          anyJson = true;
          items.add(new AuditItem(where, raw, node, () -> records.map(node, raw, where)));
        } catch (JacksonException e) {
          String error = where + " is not valid JSON: " + EventListReader.describe(e);
          firstError = firstError == null ? error : firstError;
          items.add(
              new AuditItem(
                  where,
                  raw,
                  null,
                  () -> {
                    throw new InvalidEvidenceException("malformed-json", error);
                  }));
        }
      }
      start = end + 1;
    }
    if (items.isEmpty()) {
      throw new InvalidEvidenceException(
          "empty-body", "the body has no lines: send one audit event per line");
    }
    if (!anyJson) {
      throw new InvalidEvidenceException(
          "malformed-json", "the body is not NDJSON, no line is JSON: " + firstError);
    }
    return items;
  }

  private static int indexOfNewline(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
