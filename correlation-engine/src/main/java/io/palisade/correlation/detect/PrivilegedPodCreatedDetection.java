package io.palisade.correlation.detect;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.Entity;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.Severity;
import io.palisade.correlation.detect.PodSpecs.PrivilegedContainer;
import io.palisade.schemas.AttackTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The API server created a pod with a privileged container, init or ephemeral containers included
 * (detection-catalogue row 1; Falco "Create Privileged Pod"). ATT&CK T1611 Escape to Host.
 */
public final class PrivilegedPodCreatedDetection implements Detection<AuditEvent> {

  static final String RULE_ID = "audit.privileged-pod";

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
    if (!"create".equals(event.getVerb())
        || !AuditFacts.isResource(event, "pods", null)
        || !AuditFacts.succeeded(event)) {
      return List.of();
    }
    List<PrivilegedContainer> privileged =
        AuditFacts.requestObject(event)
            .flatMap(PodSpecs::podSpecOf)
            .map(PodSpecs::privilegedContainers)
            .orElse(List.of());
    if (privileged.isEmpty()) {
      return List.of();
    }
    ObjectReference ref = event.getObjectRef();
    String namespace = AuditFacts.objectMeta(event, ref.getNamespace(), "namespace");
    String name = AuditFacts.objectMeta(event, ref.getName(), "name");
    List<Entity> entities = new ArrayList<>(AuditFacts.requester(event));
    if (namespace != null && name != null) {
      entities.add(Entities.pod(namespace, name));
      entities.addAll(PodLinks.ofPod(namespace, name, AuditFacts.requestObject(event)));
    }
    if (namespace != null) {
      entities.add(Entities.namespace(namespace));
    }
    privileged.stream()
        .map(PrivilegedContainer::image)
        .filter(Objects::nonNull)
        .forEach(image -> entities.add(Entities.image(image)));
    String target =
        (namespace == null ? "" : namespace + "/") + (name == null ? "(generated name)" : name);
    String summary =
        AuditFacts.username(event)
            + " create pods "
            + target
            + " (privileged: "
            + privileged.stream().map(PrivilegedContainer::name).collect(Collectors.joining(", "))
            + ")";
    return List.of(
        new Finding(
            "Privileged pod created",
            "A pod with a privileged container was created; it can take over its node.",
            Severity.HIGH,
            AttackTags.PRIVILEGE_ESCALATION,
            List.of("T1611"),
            entities,
            summary));
  }
}
