package io.palisade.runtime.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.IntakeMetrics;
import io.palisade.runtime.falco.InternalMessages;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What only the Falco intake counts; requests, refusals, accepted events, dead letters by reason,
 * batch sizes and publish latency are the intake library's ({@code IntakeMetrics}, {@code
 * palisade_intake_*}), which this class feeds with the dead letters of each request. Counters:
 * {@code palisade.runtime.alerts.accepted{priority}} (alerts Kafka acknowledged, by Falco priority)
 * and {@code palisade.runtime.internal{rule}} (Falco's internal messages, not published). Counter
 * tags only take values from closed sets. Gauges, per Falco host, from its metrics snapshots:
 * {@code palisade.falco.kernel.drops{hostname}} ({@code scap.n_drops}) and {@code
 * palisade.falco.outputs.queue.drops{hostname}} ({@code falco.outputs_queue_num_drops}), at most
 * {@value #MAX_HOSTS} hosts each, with names of at most {@value #MAX_HOSTNAME_LENGTH} characters.
 */
public final class FalcoIntakeMetrics {

  static final int MAX_HOSTS = 1000;

  /** A DNS name's maximum: longer "host names" are not tracked, so labels stay small. */
  static final int MAX_HOSTNAME_LENGTH = 253;

  private final MeterRegistry registry;
  private final IntakeMetrics intake;
  private final HostGauge kernelDrops;
  private final HostGauge outputsQueueDrops;

  public FalcoIntakeMetrics(MeterRegistry registry, IntakeMetrics intake) {
    this.registry = registry;
    this.intake = intake;
    this.kernelDrops =
        new HostGauge(
            "palisade.falco.kernel.drops",
            "scap.n_drops",
            "Syscall events the Falco kernel driver dropped, as its last metrics snapshot said");
    this.outputsQueueDrops =
        new HostGauge(
            "palisade.falco.outputs.queue.drops",
            "falco.outputs_queue_num_drops",
            "Alerts Falco dropped from its outputs queue, as its last metrics snapshot said");
  }

  void accepted(RuntimeAlert alert) {
    Counter.builder("palisade.runtime.alerts.accepted")
        .description("Falco alerts published to Kafka and acknowledged")
        .tag("priority", alert.getPriority().name())
        .register(registry)
        .increment();
  }

  void internal(RuntimeAlert message) {
    Counter.builder("palisade.runtime.internal")
        .description("Falco internal messages (metrics snapshots, drops): counted, not published")
        .tag("rule", InternalMessages.ruleLabel(message.getRule()))
        .register(registry)
        .increment();
    if (InternalMessages.METRICS_SNAPSHOT.equals(message.getRule())
        && message.getHostname().length() <= MAX_HOSTNAME_LENGTH) {
      String host = message.getHostname().isEmpty() ? "unknown" : message.getHostname();
      kernelDrops.record(host, message.getOutputFields());
      outputsQueueDrops.record(host, message.getOutputFields());
    }
  }

  void deadLettered(String reason) {
    intake.deadLettered(reason, 1);
  }

  /** One gauge per Falco host, fed by one (integer) field of its metrics snapshots. */
  private final class HostGauge {

    private final String name;
    private final String field;
    private final String description;
    private final Map<String, AtomicLong> byHost = new ConcurrentHashMap<>();

    HostGauge(String name, String field, String description) {
      this.name = name;
      this.field = field;
      this.description = description;
    }

    void record(String host, Map<String, String> fields) {
      Long value = count(fields.get(field));
      if (value == null || (!byHost.containsKey(host) && byHost.size() >= MAX_HOSTS)) {
        return;
      }
      byHost
          .computeIfAbsent(
              host,
              h -> {
                AtomicLong cell = new AtomicLong();
                Gauge.builder(name, cell, AtomicLong::get)
                    .description(description)
                    .tag("hostname", h)
                    .register(registry);
                return cell;
              })
          .set(value);
    }
  }

  private static Long count(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
