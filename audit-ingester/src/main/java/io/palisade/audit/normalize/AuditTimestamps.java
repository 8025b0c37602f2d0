package io.palisade.audit.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Kubernetes timestamps: RFC 3339 with seconds, micro- or nanoseconds, and an offset or Z. The form
 * the API server writes ({@code 2026-11-28T09:17:05.123456Z}) is read by hand, because every event
 * has two of them and {@link DateTimeFormatter} parsing costs more than the rest of the event's
 * metadata; any other form goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}.
 */
final class AuditTimestamps {

  private AuditTimestamps() {}

  static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Instant utc = parseUtc(text);
    if (utc != null) {
      return Optional.of(utc);
    }
    try {
      return Optional.of(
          OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, else null (for the general parser to decide). Fields
   * out of range give null too, so the general parser reports them the same way as before.
   */
  static Instant parseUtc(String text) {
    int length = text.length();
    if (length < 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (text.charAt(length - 1) != 'Z' && text.charAt(length - 1) != 'z')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    int at = 19;
    if (at < length - 1) {
      if (text.charAt(at) != '.') {
        return null;
      }
      int digitCount = length - 1 - (at + 1);
      if (digitCount < 1 || digitCount > 9) {
        return null;
      }
      int fraction = digits(text, at + 1, digitCount);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = digitCount; i < 9; i++) {
        nanos *= 10;
      }
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    } catch (DateTimeException e) {
      return null; // e.g. February 30th: the general parser refuses it
    }
  }

  /** The decimal number of {@code count} digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
