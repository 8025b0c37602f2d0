package io.palisade.notify.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.notify.routing.RoutingFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts routing-file reloads: {@code palisade.notifier.routing.reloads{outcome=applied|rejected}}
 * (Prometheus: {@code palisade_notifier_routing_reloads_total}). A rising {@code rejected} count
 * means the file on disk is not the routing in force.
 */
final class RoutingReloadMetrics implements RoutingFile.Listener {

  static final String RELOADS = "palisade.notifier.routing.reloads";

  private final Counter applied;
  private final Counter rejected;

  RoutingReloadMetrics(MeterRegistry registry) {
    this.applied = counter(registry, "applied");
    this.rejected = counter(registry, "rejected");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder(RELOADS)
        .description("Routing file changes applied or rejected (the running tree kept)")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void applied(Path file, String sha256) {
    applied.increment();
  }

  @Override
  public void rejected(Path file, List<String> problems) {
    rejected.increment();
  }
}
