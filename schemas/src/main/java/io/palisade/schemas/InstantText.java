package io.palisade.schemas;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601 in UTC, with zero,
 * three, six or nine fraction digits), but without a formatter: every published record carries its
 * event time as a CloudEvents header, and the general formatter costs more than the rest of the
 * headers together. Years outside 0000–9999 are left to {@link Instant#toString()}.
 */
public final class InstantText {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long END = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1;

  private InstantText() {}

  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST || seconds >= END) {
      return instant.toString();
    }
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(days);
    StringBuilder text = new StringBuilder(30);
    pad(text, date.getYear(), 4).append('-');
    pad(text, date.getMonthValue(), 2).append('-');
    pad(text, date.getDayOfMonth(), 2).append('T');
    pad(text, secondOfDay / 3_600, 2).append(':');
    pad(text, secondOfDay / 60 % 60, 2).append(':');
    pad(text, secondOfDay % 60, 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      text.append('.');
      if (nanos % 1_000_000 == 0) {
        pad(text, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        pad(text, nanos / 1_000, 6);
      } else {
        pad(text, nanos, 9);
      }
    }
    return text.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder text, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      text.append('0');
    }
    return text.append(digits);
  }
}
