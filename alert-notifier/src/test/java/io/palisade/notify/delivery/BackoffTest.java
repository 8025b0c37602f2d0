package io.palisade.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));

  @Test
  void doublesFromTheInitialDelayPerFailedRound() {
    assertThat(backoff.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayAfter(3, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayAfter(6, Optional.empty())).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void neverWaitsLongerThanTheMaximum() {
    assertThat(backoff.delayAfter(7, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delayAfter(Integer.MAX_VALUE, Optional.empty()))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void honoursALongerRetryAfter() {
    assertThat(backoff.delayAfter(1, Optional.of(Duration.ofSeconds(120))))
        .isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void keepsItsOwnDelayWhenRetryAfterIsShorter() {
    assertThat(backoff.delayAfter(3, Optional.of(Duration.ofMillis(100))))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void capsAnAbsurdRetryAfter() {
    assertThat(backoff.delayAfter(1, Optional.of(Duration.ofDays(3))))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void refusesAMaximumBelowTheInitialDelay() {
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max backoff");
  }

  @Test
  void jitterOnlyLengthensTheExponentialWaitAndNeverShortensRetryAfter() {
    Backoff jittered =
        new Backoff(
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            0.2,
            Duration.ZERO);

    assertThat(jittered.delayAfter(2, Optional.empty(), 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(jittered.delayAfter(2, Optional.empty(), 0.5)).isEqualTo(Duration.ofMillis(1100));
    assertThat(jittered.delayAfter(7, Optional.empty(), 0.999))
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(36));
    assertThat(jittered.delayAfter(1, Optional.of(Duration.ofSeconds(10)), 0.999))
        .isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(
            () ->
                new Backoff(
                    Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ZERO, 1.5, Duration.ZERO))
        .hasMessageContaining("jitter");
  }

  @Test
  void givesUpOnlyWhenConfiguredAndOnlyAfterTheConfiguredTime() {
    java.time.Instant first = java.time.Instant.parse("2026-11-27T10:00:00Z");
    Backoff patient =
        new Backoff(
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            0,
            Duration.ofHours(1));

    assertThat(backoff.givesUp(first, first.plus(Duration.ofDays(30)))).isFalse();
    assertThat(patient.givesUp(first, first.plus(Duration.ofMinutes(59)))).isFalse();
    assertThat(patient.givesUp(first, first.plus(Duration.ofHours(1)))).isTrue();
  }
}
