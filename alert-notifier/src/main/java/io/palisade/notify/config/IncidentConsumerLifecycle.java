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
 * Runs the {@link IncidentDeliveryLoop}s (one per receiver) each on its own thread while the
 * context runs and stops them (wakeup, last commit, close) when the context closes. If a loop dies,
 * liveness turns BROKEN so that the orchestrator restarts the service. Without any receiver
 * configured nothing is consumed, so incidents wait in Kafka until one is.
 */
final class IncidentConsumerLifecycle implements SmartLifecycle {

  /** An attempt in flight is given this long to finish before the thread is interrupted. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(IncidentConsumerLifecycle.class);

  private final List<Receiver> receivers;
  private final Supplier<List<IncidentDeliveryLoop>> loopFactory;
  private final ApplicationEventPublisher events;
  private List<IncidentDeliveryLoop> loops = List.of();
  private List<Thread> threads = List.of();

  IncidentConsumerLifecycle(
      List<Receiver> receivers,
      Supplier<List<IncidentDeliveryLoop>> loopFactory,
      ApplicationEventPublisher events) {
    this.receivers = receivers;
    this.loopFactory = loopFactory;
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
    loops = loopFactory.get();
    List<Thread> started = new java.util.ArrayList<>();
    for (int i = 0; i < loops.size(); i++) {
      IncidentDeliveryLoop loop = loops.get(i);
      Thread thread = new Thread(() -> runLoop(loop), "alert-notifier-" + receivers.get(i).name());
      thread.start();
      started.add(thread);
    }
    threads = List.copyOf(started);
  }

  private void runLoop(IncidentDeliveryLoop loop) {
    try {
      loop.run();
    } catch (RuntimeException | Error e) {
      log.error("the incident delivery loop stopped", e);
      AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
    }
  }

  @Override
  public synchronized void stop() {
    loops.forEach(IncidentDeliveryLoop::shutdown);
    try {
      for (Thread thread : threads) {
        thread.join(STOP_GRACE.toMillis());
        if (thread.isAlive()) {
          thread.interrupt(); // a receiver still waiting on its timeout
          thread.join(STOP_GRACE.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    threads = List.of();
    loops = List.of();
  }

  @Override
  public synchronized boolean isRunning() {
    return threads.stream().anyMatch(Thread::isAlive);
  }
}
