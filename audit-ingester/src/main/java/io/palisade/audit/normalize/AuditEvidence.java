package io.palisade.audit.normalize;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.intake.Evidence;
import io.palisade.schemas.CloudEvent;
import java.util.StringJoiner;

/**
 * The Kafka key and CloudEvents attributes of an audit event.
 *
 * <p>Key rule: {@code cluster/namespace/resource/name}, leaving out the namespace segment for
 * cluster-scoped objects and the name segment where the request named no object (list, or create
 * with {@code generateName}); subresources share their object's key so that, for example, an exec
 * stays ordered with the pod's other events. Events without an {@code objectRef} (or without a
 * resource in it, e.g. non-resource URLs) are keyed by their {@code auditID}.
 */
public final class AuditEvidence {

  public static final String SERVICE = "audit-ingester";

  private AuditEvidence() {}

  public static String keyOf(AuditEvent event) {
    ObjectReference ref = event.getObjectRef();
    if (ref == null || isEmpty(ref.getResource())) {
      return event.getAuditId();
    }
    StringJoiner key = new StringJoiner("/");
    key.add(event.getCluster());
    if (!isEmpty(ref.getNamespace())) {
      key.add(ref.getNamespace());
    }
    key.add(ref.getResource());
    if (!isEmpty(ref.getName())) {
      key.add(ref.getName());
    }
    return key.toString();
  }

  /** The record to publish: keyed by {@link #keyOf}, CloudEvent id = record id. */
  public static Evidence<AuditEvent> of(AuditEvent event, String eventType) {
    String key = keyOf(event);
    CloudEvent cloudEvent =
        new CloudEvent(
            event.getId(),
            CloudEvent.sourceOf(SERVICE, event.getCluster()),
            eventType,
            event.getEventTime(),
            key);
    return new Evidence<>(key, event, cloudEvent);
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }
}
