package io.palisade.notify.config;

import io.palisade.notify.delivery.IncidentDeliveryLoop;
import io.palisade.notify.receiver.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link IncidentDeliveryLoop} on its own thread while the context runs and stops it
 * (wakeup, last commit, close) when the context closes. If the loop dies, liveness turns BROKEN so
 * that the orchestrator restarts the service. Without any receiver configured nothing is consumed,
 * so incidents wait in Kafka until one is.
 */
final class IncidentConsumerLifecycle implements SmartLifecycle {

  /** An attempt in flight is given this long to finish before the thread is interrupted. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(IncidentConsumerLifecycle.class);

  private final List<Receiver> receivers;
  private final Supplier<IncidentDeliveryLoop> loops;
  private final ApplicationEventPublisher events;
  private IncidentDeliveryLoop loop;
  private Thread thread;

  IncidentConsumerLifecycle(
      List<Receiver> receivers,
      Supplier<IncidentDeliveryLoop> loops,
      ApplicationEventPublisher events) {
    this.receivers = receivers;
    this.loops = loops;
    this.events = events;
  }

  @Override
  public synchronized void start() {
    if (receivers.isEmpty()) {
      log.warn(
          "no receiver is configured (e.g. palisade.notifier.webhook.url): incidents are not"
              + " consumed until one is");
      return;
    }
    log.info("delivering incidents to {}", receivers.stream().map(Receiver::name).toList());
    loop = loops.get();
    thread = new Thread(this::runLoop, "alert-notifier-incidents");
    thread.start();
  }

  private void runLoop() {
    try {
      loop.run();
    } catch (RuntimeException | Error e) {
      log.error("the incident delivery loop stopped", e);
      AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
    }
  }

  @Override
  public synchronized void stop() {
    if (thread == null) {
      return;
    }
    loop.shutdown();
    try {
      thread.join(STOP_GRACE.toMillis());
      if (thread.isAlive()) {
        thread.interrupt(); // a receiver still waiting on its timeout
        thread.join(STOP_GRACE.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null && thread.isAlive();
  }
}
