package io.palisade.runtime.falco;

import io.palisade.avro.RuntimeAlert;
import java.util.Set;

/**
 * Falco's messages about itself ({@code source: internal}): metrics snapshots, dropped syscall
 * events, timeouts. They are health data, not security evidence, so they are counted and never
 * published as alerts. Falcosidekick's {@code Test rule} arrives as internal too.
 */
public final class InternalMessages {

  public static final String SOURCE = "internal";
  public static final String METRICS_SNAPSHOT = "Falco internal: metrics snapshot";

  /** Rule names Falco (and Falcosidekick's test) use for internal messages: a closed set. */
  private static final Set<String> KNOWN_RULES =
      Set.of(
          METRICS_SNAPSHOT,
          "Falco internal: syscall event drop",
          "Falco internal: timeouts notification",
          "Falco internal: hot restart failure",
          "Falco internal: capture size limit reached",
          "Test rule");

  private InternalMessages() {}

  public static boolean isInternal(RuntimeAlert alert) {
    return SOURCE.equalsIgnoreCase(alert.getSource());
  }

  /**
   * The rule as a metric label: known names as they are, anything else {@code other}, so that a
   * sender cannot create unbounded label values.
   */
  public static String ruleLabel(String rule) {
    return KNOWN_RULES.contains(rule) ? rule : "other";
  }
}
