package io.palisade.correlation.config;

import io.palisade.correlation.detect.SigmaRules;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link SigmaRules#reload()} every interval on one daemon thread (not a Spring scheduler
 * bean, so Boot's own task scheduling is left alone). A zero interval never reloads.
 */
final class SigmaRuleReloader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SigmaRuleReloader.class);

  private final ScheduledExecutorService executor;

  SigmaRuleReloader(SigmaRules rules, Duration interval) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sigma-rule-reloader");
              thread.setDaemon(true);
              return thread;
            });
    if (!interval.isZero() && !interval.isNegative()) {
      executor.scheduleWithFixedDelay(
          () -> {
            try {
              rules.reload();
            } catch (RuntimeException e) {
              log.error("Sigma rule reload failed; the running set is kept", e);
            }
          },
          interval.toMillis(),
          interval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
