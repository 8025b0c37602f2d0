package io.palisade.correlation.detect;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.Entity;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.Severity;
import io.palisade.schemas.AttackTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Someone ran a command in, attached to, or port-forwarded into a pod ({@code kubectl exec}, {@code
 * attach}, {@code port-forward}): detection-catalogue rows 10 and 12. Because the event names both
 * the user and the pod, this signal is the bridge between what the API server saw and what Falco
 * sees inside the container.
 *
 * <p>The API server logs such a request up to three times (RequestReceived, ResponseStarted,
 * ResponseComplete); all stages give the same signal id, so correlation counts it once.
 */
public final class PodExecDetection implements Detection<AuditEvent> {

  static final String RULE_ID = "audit.pod-exec";

  /** {@code create} over SPDY; {@code get} when kubectl upgrades to WebSockets (Falco, Elastic). */
  private static final Set<String> VERBS = Set.of("create", "get");

  @Override
  public String ruleId() {
    return RULE_ID;
  }

  @Override
  public Class<AuditEvent> evidenceType() {
    return AuditEvent.class;
  }

  @Override
  public List<Finding> detect(AuditEvent event) {
    ObjectReference ref = event.getObjectRef();
    if (ref == null
        || !"pods".equals(ref.getResource())
        || !VERBS.contains(event.getVerb())
        || !AuditFacts.notFailed(event)) {
      return List.of();
    }
    Variant variant = Variant.of(ref.getSubresource());
    if (variant == null) {
      return List.of();
    }
    List<Entity> entities = new ArrayList<>(AuditFacts.requester(event));
    String target = ref.getName();
    if (Entities.present(ref.getNamespace())) {
      if (Entities.present(ref.getName())) {
        entities.add(Entities.pod(ref.getNamespace(), ref.getName()));
        PodLinks.workloadFromName(ref.getNamespace(), ref.getName()).ifPresent(entities::add);
        target = ref.getNamespace() + "/" + ref.getName();
      }
      entities.add(Entities.namespace(ref.getNamespace()));
    }
    String summary =
        AuditFacts.username(event)
            + " "
            + event.getVerb()
            + " pods/"
            + ref.getSubresource()
            + " "
            + target;
    return List.of(
        new Finding(
            variant.title,
            event.getRequestUri(),
            variant.severity,
            variant.tactic,
            variant.techniques,
            entities,
            summary));
  }

  /** Exec and attach run code in the container (T1609); a port-forward only opens a tunnel. */
  private enum Variant {
    EXEC("Exec into pod", Severity.MEDIUM, AttackTags.EXECUTION, List.of("T1609")),
    ATTACH("Attach to pod", Severity.MEDIUM, AttackTags.EXECUTION, List.of("T1609")),
    // the catalogue (row 12) gives port-forward no ATT&CK mapping, so neither does Palisade
    PORTFORWARD("Port-forward to pod", Severity.LOW, null, List.of());

    final String title;
    final Severity severity;
    final String tactic;
    final List<String> techniques;

    Variant(String title, Severity severity, String tactic, List<String> techniques) {
      this.title = title;
      this.severity = severity;
      this.tactic = tactic;
      this.techniques = techniques;
    }

    static Variant of(String subresource) {
      if (subresource == null) {
        return null;
      }
      return switch (subresource) {
        case "exec" -> EXEC;
        case "attach" -> ATTACH;
        case "portforward" -> PORTFORWARD;
        default -> null;
      };
    }
  }
}
