package io.palisade.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateRelativeToNow() {
    assertThat(RetryAfter.parse("Fri, 20 Nov 2026 09:01:30 GMT", NOW))
        .contains(Duration.ofSeconds(90));
  }

  @Test
  void treatsADateInThePastAsNoWait() {
    assertThat(RetryAfter.parse("Fri, 20 Nov 2026 08:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "-5", "soon", "1.5", "99999999999999999999999"})
  void ignoresWhatItCannotRead(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEmpty();
  }

  @Test
  void ignoresAMissingHeader() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }
}
