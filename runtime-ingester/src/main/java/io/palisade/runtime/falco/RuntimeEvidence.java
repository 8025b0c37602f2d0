package io.palisade.runtime.falco;

import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.Evidence;
import io.palisade.schemas.CloudEvent;

/**
 * The Kafka key and CloudEvents attributes of a runtime alert. Key rule: {@code
 * cluster/namespace/pod} when Falco knew both, else {@code cluster/hostname} (the node Falco runs
 * on), else {@code cluster} alone (old alerts carry no hostname).
 */
public final class RuntimeEvidence {

  public static final String SERVICE = "runtime-ingester";

  private RuntimeEvidence() {}

  public static String keyOf(RuntimeAlert alert) {
    if (alert.getNamespace() != null && alert.getPod() != null) {
      return alert.getCluster() + "/" + alert.getNamespace() + "/" + alert.getPod();
    }
    if (!alert.getHostname().isEmpty()) {
      return alert.getCluster() + "/" + alert.getHostname();
    }
    return alert.getCluster();
  }

  /** The record to publish: keyed by {@link #keyOf}, CloudEvent id = record id. */
  public static Evidence<RuntimeAlert> of(RuntimeAlert alert, String eventType) {
    String key = keyOf(alert);
    CloudEvent event =
        new CloudEvent(
            alert.getId(),
            CloudEvent.sourceOf(SERVICE, alert.getCluster()),
            eventType,
            alert.getEventTime().plusNanos(alert.getEventTimeNanos()),
            key);
    return new Evidence<>(key, alert, event);
  }
}
