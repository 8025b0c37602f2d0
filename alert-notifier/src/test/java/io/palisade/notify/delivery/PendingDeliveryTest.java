package io.palisade.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingDeliveryTest {

  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));

  @Test
  void isDoneWhenEveryReceiverFinishedInTheFirstRound() {
    PendingDelivery pending = new PendingDelivery(7, List.of("webhook", "slack"));
    pending.nextAttempt("webhook");
    pending.finished("webhook");
    pending.nextAttempt("slack");
    pending.finished("slack");

    assertThat(pending.endRound(NOW, backoff)).isEmpty();
  }

  @Test
  void schedulesTheNextRoundWithGrowingBackoff() {
    PendingDelivery pending = new PendingDelivery(7, List.of("webhook"));

    assertThat(pending.nextAttempt("webhook")).isEqualTo(1);
    pending.retryLater(Optional.empty());
    assertThat(pending.endRound(NOW, backoff)).contains(NOW.plusMillis(500));

    assertThat(pending.nextAttempt("webhook")).isEqualTo(2);
    pending.retryLater(Optional.empty());
    assertThat(pending.endRound(NOW, backoff)).contains(NOW.plusSeconds(1));
    assertThat(pending.retryAt()).isEqualTo(NOW.plusSeconds(1));
  }

  @Test
  void waitsForTheLongestRetryAfterOfARound() {
    PendingDelivery pending = new PendingDelivery(7, List.of("webhook", "slack"));
    pending.retryLater(Optional.of(Duration.ofSeconds(3)));
    pending.retryLater(Optional.of(Duration.ofSeconds(9)));

    assertThat(pending.endRound(NOW, backoff)).contains(NOW.plusSeconds(9));
  }

  @Test
  void retriesOnlyTheReceiversThatFailed() {
    PendingDelivery pending = new PendingDelivery(7, List.of("webhook", "slack"));
    pending.nextAttempt("webhook");
    pending.finished("webhook");
    pending.nextAttempt("slack");
    pending.retryLater(Optional.empty());
    pending.endRound(NOW, backoff);

    assertThat(pending.awaits("webhook")).isFalse();
    assertThat(pending.awaits("slack")).isTrue();
    assertThat(pending.nextAttempt("slack")).isEqualTo(2);
  }

  @Test
  void forgetsTheRetryAfterOfAnEarlierRound() {
    PendingDelivery pending = new PendingDelivery(7, List.of("webhook"));
    pending.retryLater(Optional.of(Duration.ofSeconds(60)));
    pending.endRound(NOW, backoff);
    pending.retryLater(Optional.empty());

    assertThat(pending.endRound(NOW, backoff)).contains(NOW.plusSeconds(1));
  }

  @Test
  void aRateLimitDefersWithoutGrowingTheBackoff() {
    PendingDelivery pending = new PendingDelivery(7, List.of("slack"));

    pending.deferUntil(NOW.plusMillis(300));
    assertThat(pending.endRound(NOW, backoff)).contains(NOW.plusMillis(300));
    pending.nextAttempt("slack");
    pending.retryLater(Optional.empty());
    // the first failure still waits the initial backoff: the deferral was not a failed round
    assertThat(pending.endRound(NOW, backoff)).contains(NOW.plusMillis(500));
  }
}
