package io.palisade.runtime.falco;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Falco's {@code time}: ISO-8601 UTC with nanoseconds ({@code 2023-05-25T13:44:05.478445995Z}); an
 * offset written {@code +00:00} or {@code +0000} is accepted too.
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
    try {
      return Optional.of(FORMAT.parse(text.trim(), OffsetDateTime::from).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
