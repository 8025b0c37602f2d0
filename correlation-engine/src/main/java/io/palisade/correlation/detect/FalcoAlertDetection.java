package io.palisade.correlation.detect;

import io.palisade.avro.Entity;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.schemas.AttackTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Falco alert of priority Warning or higher becomes a signal: Falco already decided the syscall
 * pattern is suspicious, Palisade adds the who (through the pod) and the when. Falco's own {@code
 * internal} messages (metrics snapshots, drops) are not security evidence and are skipped.
 *
 * <p>Severity: Emergency, Alert, Critical → CRITICAL; Error → HIGH; Warning → MEDIUM. The tactic
 * and techniques come from the rule's tags ({@code mitre_execution}, {@code T1059}, …).
 */
public final class FalcoAlertDetection implements Detection<RuntimeAlert> {

  static final String RULE_ID = "runtime.falco-alert";
  static final String INTERNAL_SOURCE = "internal";

  /** Falco writes {@code <NA>} for fields it could not resolve. */
  private static final String NOT_AVAILABLE = "<NA>";

  /** Falco's {@code container.id} for events outside any container. */
  private static final String HOST_CONTAINER = "host";

  @Override
  public String ruleId() {
    return RULE_ID;
  }

  @Override
  public Class<RuntimeAlert> evidenceType() {
    return RuntimeAlert.class;
  }

  @Override
  public List<Finding> detect(RuntimeAlert alert) {
    Severity severity = severityOf(alert.getPriority());
    if (severity == null || INTERNAL_SOURCE.equals(alert.getSource())) {
      return List.of();
    }
    String namespace = known(alert.getNamespace());
    String pod = known(alert.getPod());
    String node = known(alert.getHostname());
    List<Entity> entities = new ArrayList<>();
    if (namespace != null && pod != null) {
      entities.add(Entities.pod(namespace, pod));
      PodLinks.workloadFromName(namespace, pod).ifPresent(entities::add);
    }
    if (namespace != null) {
      entities.add(Entities.namespace(namespace));
    }
    if (node != null) {
      entities.add(Entities.node(node));
    }
    if (known(alert.getImage()) != null) {
      entities.add(Entities.image(alert.getImage()));
    }
    String container = known(alert.getContainerId());
    if (container != null && !HOST_CONTAINER.equals(container)) {
      entities.add(Entities.container(container));
    }
    String where =
        pod != null && namespace != null ? namespace + "/" + pod : (node != null ? node : "host");
    String summary =
        priorityName(alert.getPriority())
            + " "
            + alert.getRule()
            + " in "
            + where
            + (pod != null && node != null ? " on " + node : "");
    // the runtime ingester derives ATT&CK from the rule's tags; records written before it did
    // (RuntimeAlert v1) carry none, so derive them here the same way
    List<String> tactics =
        alert.getTactics().isEmpty() ? AttackTags.tacticsOf(alert.getTags()) : alert.getTactics();
    List<String> techniques =
        alert.getTechniques().isEmpty()
            ? AttackTags.techniquesOf(alert.getTags())
            : alert.getTechniques();
    return List.of(
        new Finding(
            alert.getRule(),
            alert.getOutput(),
            severity,
            tactics.isEmpty() ? null : tactics.get(0),
            techniques,
            entities,
            summary));
  }

  /** The signal severity of a Falco priority, or null below Warning. */
  static Severity severityOf(FalcoPriority priority) {
    return switch (priority) {
      case EMERGENCY, ALERT, CRITICAL -> Severity.CRITICAL;
      case ERROR -> Severity.HIGH;
      case WARNING -> Severity.MEDIUM;
      default -> null;
    };
  }

  private static String priorityName(FalcoPriority priority) {
    String name = priority.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static String known(String value) {
    return Entities.present(value) && !NOT_AVAILABLE.equals(value) ? value : null;
  }
}
