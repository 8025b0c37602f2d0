package io.palisade.notify.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.routing.RoutingSubject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceTest {

  private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant END = Instant.parse("2026-11-27T12:00:00Z");
  private static final RoutingSubject SHOP_CRITICAL =
      RoutingSubject.of(IncidentFixtures.incident("exec-reverse-shell"));

  private static Silence silence(List<String> matchers) {
    return new Silence("s1", matchers, START, END, "bob", "maintenance", START).validated();
  }

  @Test
  void silencesMatchingIncidentsWhileActiveOnly() {
    Silence silence = silence(List.of("namespace=shop", "severity>=HIGH"));

    assertThat(silence.silences(SHOP_CRITICAL, START)).isTrue();
    assertThat(silence.silences(SHOP_CRITICAL, END.minusMillis(1))).isTrue();
    assertThat(silence.silences(SHOP_CRITICAL, END)).isFalse();
    assertThat(silence.silences(SHOP_CRITICAL, START.minusMillis(1))).isFalse();
    assertThat(silence(List.of("namespace=payments")).silences(SHOP_CRITICAL, START)).isFalse();
  }

  @Test
  void listsEveryProblemOfAnInvalidSilence() {
    assertThatThrownBy(() -> new Silence("s2", List.of(), END, START, " ", null, START).validated())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a silence needs at least one matcher (it would silence everything); endsAt must be"
                + " after startsAt; author is required; comment is required");
    assertThatThrownBy(() -> silence(List.of("severity>=LOUD")))
        .hasMessageContaining("matcher 'severity>=LOUD': unknown severity 'LOUD'");
  }
}
