package io.palisade.correlation.detect;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.Entity;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.Severity;
import io.palisade.schemas.AttackTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Someone bound the {@code cluster-admin} ClusterRole with a ClusterRoleBinding or RoleBinding
 * (detection-catalogue row 23; Falco "Attach to cluster-admin Role", Elastic "Cluster-Admin Role
 * Binding Created"). ATT&CK T1098.006 Additional Container Cluster Roles, a privilege-escalation
 * and persistence technique.
 *
 * <p>The binding's subjects become entities too: users and service accounts, not groups. This is
 * what links the one who granted to the one who received.
 */
public final class ClusterAdminBindingDetection implements Detection<AuditEvent> {

  static final String RULE_ID = "audit.cluster-admin-binding";
  static final String CLUSTER_ADMIN = "cluster-admin";

  private static final Set<String> VERBS = Set.of("create", "update", "patch");
  private static final Set<String> RESOURCES = Set.of("clusterrolebindings", "rolebindings");

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
        || !VERBS.contains(event.getVerb())
        || !RESOURCES.contains(ref.getResource())
        || Entities.present(ref.getSubresource())
        || !AuditFacts.succeeded(event)) {
      return List.of();
    }
    // A patch body may lack roleRef; the response then carries the whole binding.
    Optional<JsonNode> binding =
        AuditFacts.requestObject(event)
            .filter(ClusterAdminBindingDetection::bindsClusterAdmin)
            .or(
                () ->
                    AuditFacts.responseObject(event)
                        .filter(ClusterAdminBindingDetection::bindsClusterAdmin));
    if (binding.isEmpty()) {
      return List.of();
    }
    String namespace = AuditFacts.objectMeta(event, ref.getNamespace(), "namespace");
    String name = AuditFacts.objectMeta(event, ref.getName(), "name");

    List<Entity> entities = new ArrayList<>(AuditFacts.requester(event));
    List<String> subjects = new ArrayList<>();
    for (JsonNode subject : binding.get().path("subjects")) {
      String kind = Json.text(subject, "kind");
      String subjectName = Json.text(subject, "name");
      if (!Entities.present(subjectName)) {
        continue;
      }
      if ("User".equals(kind)) {
        entities.add(Entities.actor(subjectName));
      } else if ("ServiceAccount".equals(kind)) {
        String subjectNamespace = Json.text(subject, "namespace");
        String saNamespace = Entities.present(subjectNamespace) ? subjectNamespace : namespace;
        if (saNamespace != null) {
          entities.add(Entities.serviceAccount(saNamespace, subjectName));
        }
      }
      subjects.add(kind + " " + subjectName);
    }
    if (namespace != null) {
      entities.add(Entities.namespace(namespace));
    }
    String summary =
        AuditFacts.username(event)
            + " "
            + event.getVerb()
            + " "
            + ref.getResource()
            + " "
            + (namespace == null ? "" : namespace + "/")
            + (name == null ? "?" : name)
            + " → "
            + CLUSTER_ADMIN
            + (subjects.isEmpty() ? "" : " (" + String.join(", ", subjects) + ")");
    return List.of(
        new Finding(
            "Binding to cluster-admin",
            "The cluster-admin role was granted; its subjects can do anything in the cluster.",
            Severity.HIGH,
            AttackTags.PRIVILEGE_ESCALATION,
            List.of("T1098.006"),
            entities,
            summary));
  }

  private static boolean bindsClusterAdmin(JsonNode binding) {
    return CLUSTER_ADMIN.equals(Json.text(binding, "roleRef", "name"));
  }
}
