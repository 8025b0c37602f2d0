package io.palisade.notify.routing;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a route is active, written {@code [days] [HH:MM-HH:MM] [zone]}, e.g. {@code "Mon-Fri
 * 18:00-08:00 Europe/Paris"} (a range ending before it starts runs past midnight, and belongs to
 * the day it starts on), {@code "Sat,Sun"}, {@code "09:00-17:00 UTC"}. Days default to every day,
 * hours to the whole day, the zone to UTC.
 */
public record TimeWindow(
    String text, Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

  private static final List<String> DAY_NAMES =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  public static TimeWindow parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an active time window must not be empty");
    }
    Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
    LocalTime from = LocalTime.MIN;
    LocalTime to = LocalTime.MIN;
    ZoneId zone = ZoneOffset.UTC;
    for (String token : text.strip().split("\\s+")) {
      String lower = token.toLowerCase(Locale.ROOT);
      if (lower.matches("\\d{1,2}:\\d{2}-\\d{1,2}:\\d{2}")) {
        String[] bounds = lower.split("-");
        try {
          from = LocalTime.parse(pad(bounds[0]));
          to = LocalTime.parse(pad(bounds[1]));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              "active time '" + text + "': invalid hours '" + token + "'");
        }
      } else if (lower.matches("[a-z]{3}(-[a-z]{3})?(,[a-z]{3}(-[a-z]{3})?)*")
          && DAY_NAMES.contains(lower.substring(0, 3))) {
        days = days(text, lower);
      } else {
        try {
          zone = ZoneId.of(token);
        } catch (DateTimeException e) {
          throw new IllegalArgumentException(
              "active time '"
                  + text
                  + "': '"
                  + token
                  + "' is neither days (Mon-Fri), hours (18:00-08:00) nor a time zone");
        }
      }
    }
    return new TimeWindow(text.strip(), days, from, to, zone);
  }

  /** Whether {@code instant} falls in this window. */
  public boolean contains(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    LocalTime time = local.toLocalTime();
    if (from.equals(to)) {
      return days.contains(local.getDayOfWeek()); // the whole day
    }
    if (from.isBefore(to)) {
      return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
    // past midnight: the evening part belongs to today, the morning part to yesterday
    if (!time.isBefore(from)) {
      return days.contains(local.getDayOfWeek());
    }
    return time.isBefore(to) && days.contains(local.getDayOfWeek().minus(1));
  }

  private static Set<DayOfWeek> days(String text, String spec) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : spec.split(",")) {
      String[] range = part.split("-");
      int first = DAY_NAMES.indexOf(range[0]);
      int last = range.length == 2 ? DAY_NAMES.indexOf(range[1]) : first;
      if (first < 0 || last < 0) {
        throw new IllegalArgumentException(
            "active time '" + text + "': unknown day in '" + part + "' (Mon … Sun)");
      }
      for (int day = first; ; day = (day + 1) % 7) {
        days.add(DayOfWeek.of(day + 1));
        if (day == last) {
          break;
        }
      }
    }
    return days;
  }

  private static String pad(String time) {
    return time.length() == 4 ? "0" + time : time;
  }

  @Override
  public String toString() {
    return text;
  }
}
