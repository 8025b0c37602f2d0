package io.palisade.correlation.detect;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.Entity;
import io.palisade.avro.PolicyViolation;
import io.palisade.avro.Severity;
import io.palisade.correlation.detect.PodSpecs.PrivilegedContainer;
import io.palisade.schemas.AttackTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Someone asked for a privileged pod (or a workload whose pod template is privileged), whether the
 * admission gateway refused it or let it through. A refused attempt matters: it shows intent, and
 * what the same actor does next often succeeds elsewhere. ATT&CK T1611 Escape to Host.
 */
public final class PrivilegedPodAdmissionDetection implements Detection<AdmissionDecision> {

  static final String RULE_ID = "admission.privileged-pod";

  /** The Pod Security Standards control that forbids privileged containers. */
  static final String PSS_PRIVILEGED = "pss:privileged";

  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE");

  @Override
  public String ruleId() {
    return RULE_ID;
  }

  @Override
  public Class<AdmissionDecision> evidenceType() {
    return AdmissionDecision.class;
  }

  @Override
  public List<Finding> detect(AdmissionDecision decision) {
    if (!OPERATIONS.contains(decision.getOperation())) {
      return List.of();
    }
    JsonNode object = Json.parse(decision.getObjectJson()).orElse(null);
    List<PrivilegedContainer> privileged =
        object == null
            ? List.of()
            : PodSpecs.podSpecOf(object).map(PodSpecs::privilegedContainers).orElse(List.of());
    boolean violated =
        decision.getViolations().stream().anyMatch(v -> PSS_PRIVILEGED.equals(v.getPolicy()));
    if (!violated && privileged.isEmpty()) {
      return List.of();
    }
    String namespace = firstPresent(decision.getNamespace(), metadata(object, "namespace"));
    String name = firstPresent(decision.getName(), metadata(object, "name"));
    boolean pod = "Pod".equals(decision.getKind());

    List<Entity> entities = new ArrayList<>();
    if (Entities.present(decision.getUser().getUsername())) {
      entities.add(Entities.actor(decision.getUser().getUsername()));
    }
    if (namespace != null && name != null) {
      entities.add(
          pod
              ? Entities.pod(namespace, name)
              : Entities.workload(namespace, decision.getKind(), name));
      if (pod) {
        entities.addAll(
            PodLinks.ofAdmittedPod(
                namespace, name, decision.getOwner(), Optional.ofNullable(object)));
      }
    }
    if (namespace != null) {
      entities.add(Entities.namespace(namespace));
    }
    privileged.stream()
        .map(PrivilegedContainer::image)
        .filter(Objects::nonNull)
        .forEach(image -> entities.add(Entities.image(image)));

    String outcome = decision.getAllowed() ? "admitted" : "denied";
    String what = pod ? "Privileged pod " : "Privileged pod template ";
    String policies =
        decision.getViolations().stream()
            .map(PolicyViolation::getPolicy)
            .distinct()
            .collect(Collectors.joining(", "));
    String summary =
        (Entities.present(decision.getUser().getUsername())
                ? decision.getUser().getUsername()
                : "?")
            + " "
            + decision.getOperation()
            + " "
            + decision.getKind()
            + " "
            + (namespace == null ? "" : namespace + "/")
            + (name == null ? "(generated name)" : name)
            + " "
            + outcome
            + (policies.isEmpty() ? "" : " (" + policies + ")");
    String description =
        decision.getViolations().stream()
            .filter(v -> PSS_PRIVILEGED.equals(v.getPolicy()))
            .map(PolicyViolation::getMessage)
            .findFirst()
            .orElse("The object has a privileged container.");
    return List.of(
        new Finding(
            what + outcome,
            description,
            Severity.HIGH,
            AttackTags.PRIVILEGE_ESCALATION,
            List.of("T1611"),
            entities,
            summary));
  }

  private static String metadata(JsonNode object, String field) {
    return object == null ? null : Json.text(object, "metadata", field);
  }

  private static String firstPresent(String first, String second) {
    if (Entities.present(first)) {
      return first;
    }
    return Entities.present(second) ? second : null;
  }
}
