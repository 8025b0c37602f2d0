package io.palisade.runtime.falco;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Falco's {@code time}: ISO-8601 UTC with nanoseconds ({@code 2023-05-25T13:44:05.478445995Z}); an
 * offset written {@code +00:00} or {@code +0000} is accepted too.
 *
 * <p>Falco's own form ({@code yyyy-MM-ddTHH:mm:ss[.1-9 digits]Z}, every field in range) is read by
 * hand, which is most of the runtime intake's time saved on parsing; anything else goes through the
 * formatter, which decides as before.
 */
public final class FalcoTime {

  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private FalcoTime() {}

  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Instant utc = parseUtc(text);
    if (utc != null) {
      return Optional.of(utc);
    }
    try {
      return Optional.of(FORMAT.parse(text.trim(), OffsetDateTime::from).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Falco's own form, every field in range; else null (for the formatter to decide). */
  static Instant parseUtc(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int nanos = 0;
    if (length > 20) {
      if (text.charAt(19) != '.' || length == 21) {
        return null;
      }
      int fraction = length - 21; // 1 to 9 digits
      nanos = digits(text, 20, fraction);
      for (int i = fraction; i < 9 && nanos >= 0; i++) {
        nanos *= 10;
      }
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /**
   * The decimal value of {@code count} ASCII digits at {@code from}; -1 when one is not a digit.
   */
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
