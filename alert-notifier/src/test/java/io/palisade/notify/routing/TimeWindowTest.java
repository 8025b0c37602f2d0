package io.palisade.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // 2026-11-27 is a Friday; Paris is UTC+1 in November
        "Mon-Fri 18:00-08:00 Europe/Paris|2026-11-27T17:30:00Z|true",
        "Mon-Fri 18:00-08:00 Europe/Paris|2026-11-27T16:30:00Z|false",
        "Mon-Fri 18:00-08:00 Europe/Paris|2026-11-28T06:00:00Z|true",
        "Mon-Fri 18:00-08:00 Europe/Paris|2026-11-28T07:30:00Z|false",
        "Mon-Fri 18:00-08:00 Europe/Paris|2026-11-29T03:00:00Z|false",
        "Sat,Sun|2026-11-28T12:00:00Z|true",
        "Sat,Sun|2026-11-27T12:00:00Z|false",
        "09:00-17:00|2026-11-27T09:00:00Z|true",
        "09:00-17:00|2026-11-27T17:00:00Z|false",
        "Fri-Mon|2026-11-30T10:00:00Z|true",
        "Fri-Mon|2026-12-01T10:00:00Z|false"
      })
  void containsAsDocumented(String window, String instant, boolean expected) {
    assertThat(TimeWindow.parse(window).contains(Instant.parse(instant))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Mon-Fri 25:00-08:00|invalid hours",
        "Mon-Fri Mars/Olympus|neither days",
        "Mon-Fry|unknown day"
      })
  void refusesBadWindowsWithAClearError(String window, String message) {
    assertThatThrownBy(() -> TimeWindow.parse(window))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
