package io.palisade.admission.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LossReportTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final List<LossReport.Summary> reports = new ArrayList<>();
  private final LossReport losses = new LossReport(Duration.ofSeconds(10), now::get, reports::add);

  @Test
  void reportsTheFirstLossAtOnceAndThenAtMostOncePerInterval() {
    losses.dropped("u1", "too many decisions in flight");
    for (int i = 2; i <= 500; i++) {
      losses.failed("u" + i, "Topic not present in metadata after 5000 ms");
    }
    losses.dropped("u501", "too many decisions in flight");

    assertThat(reports)
        .containsExactly(new LossReport.Summary(1, 0, "u1", "too many decisions in flight"));

    now.addAndGet(Duration.ofSeconds(10).toNanos());
    losses.failed("u502", "Expiring 1 record(s)");

    assertThat(reports)
        .as("the second line sums up everything lost since the first")
        .containsExactly(
            new LossReport.Summary(1, 0, "u1", "too many decisions in flight"),
            new LossReport.Summary(1, 500, "u502", "Expiring 1 record(s)"));
  }

  @Test
  void saysNothingWhileNothingIsLost() {
    now.addAndGet(Duration.ofMinutes(5).toNanos());

    assertThat(reports).isEmpty();
  }
}
