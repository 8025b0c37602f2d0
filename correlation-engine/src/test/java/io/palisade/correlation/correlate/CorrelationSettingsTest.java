package io.palisade.correlation.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.EntityKind;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrelationSettingsTest {

  @Test
  void defaultsLinkOnPodsAndActorsWithinHalfAnHour() {
    CorrelationSettings defaults = CorrelationSettings.defaults();

    assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.linkingKinds())
        .containsExactlyInAnyOrder(EntityKind.POD, EntityKind.ACTOR, EntityKind.SERVICE_ACCOUNT);
    assertThat(defaults.timelineLimit()).isEqualTo(50);
  }

  @Test
  void rejectsARetentionShorterThanTwoWindows() {
    assertThatThrownBy(
            () ->
                new CorrelationSettings(
                    Duration.ofHours(1), Set.of(EntityKind.POD), Duration.ofMinutes(90), 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least twice the window");
  }

  @Test
  void rejectsNonPositiveWindowAndNoLinkingKinds() {
    assertThatThrownBy(
            () ->
                new CorrelationSettings(
                    Duration.ZERO, Set.of(EntityKind.POD), Duration.ofHours(1), 1))
        .hasMessageContaining("window must be positive");
    assertThatThrownBy(
            () -> new CorrelationSettings(Duration.ofMinutes(1), Set.of(), Duration.ofHours(1), 1))
        .hasMessageContaining("linking entity kind");
  }

  @Test
  void widerWindowStretchesRetention() {
    CorrelationSettings wide = CorrelationSettings.defaults().withWindow(Duration.ofHours(20));

    assertThat(wide.retention()).isEqualTo(Duration.ofHours(40));
  }
}
