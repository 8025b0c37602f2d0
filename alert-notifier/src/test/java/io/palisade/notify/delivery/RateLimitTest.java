package io.palisade.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void onePerSecondSpacesMessagesBySeconds() {
    RateLimit slack = new RateLimit(1);

    assertThat(slack.take(T0)).isEmpty();
    assertThat(slack.take(T0)).contains(T0.plusSeconds(1));
    assertThat(slack.take(T0.plusMillis(500))).contains(T0.plusSeconds(1));
    assertThat(slack.take(T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void allowsABurstUpToTheRateThenRefills() {
    RateLimit teams = new RateLimit(4);

    for (int i = 0; i < 4; i++) {
      assertThat(teams.take(T0)).isEmpty();
    }
    assertThat(teams.take(T0)).contains(T0.plusMillis(250));
    assertThat(teams.take(T0.plusMillis(500))).isEmpty();
    assertThat(teams.take(T0.plusMillis(500))).isEmpty();
    assertThat(teams.take(T0.plusMillis(500))).contains(T0.plusMillis(750));
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> new RateLimit(0)).hasMessageContaining("positive");
  }
}
