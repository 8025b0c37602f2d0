package io.palisade.correlation.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.EntityKind;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrelationSettingsTest {

  @Test
  void defaultsLinkOnPodsWorkloadsActorsAndSourceIpsWithinHalfAnHour() {
    CorrelationSettings defaults = CorrelationSettings.defaults();

    assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.linkingKinds())
        .containsExactlyInAnyOrder(
            EntityKind.ACTOR,
            EntityKind.SERVICE_ACCOUNT,
            EntityKind.POD,
            EntityKind.WORKLOAD,
            EntityKind.SOURCE_IP);
    assertThat(defaults.timelineLimit()).isEqualTo(50);
    assertThat(defaults.inactivity()).isEqualTo(Duration.ofHours(2));
    assertThat(defaults.reopenWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.storylines().all())
        .extracting(Storyline::id)
        .containsExactly(
            "rbac-escalation-then-shell",
            "privileged-pod-refused-then-escape",
            "sa-token-read-then-api-use",
            "exec-then-secret-reads",
            "rbac-change-then-new-workload");
  }

  @Test
  void rejectsARetentionShorterThanInactivityPlusReopenWindow() {
    assertThatThrownBy(
            () ->
                CorrelationSettings.defaults()
                    .withRetention(Duration.ofHours(2))
                    .withLifecycle(Duration.ofHours(2), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least inactivity");
    assertThatThrownBy(
            () ->
                CorrelationSettings.defaults()
                    .withLifecycle(Duration.ofHours(1), Duration.ofMinutes(-1)))
        .hasMessageContaining("reopen window must not be negative");
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
