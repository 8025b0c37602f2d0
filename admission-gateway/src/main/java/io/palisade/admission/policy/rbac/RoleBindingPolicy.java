package io.palisade.admission.policy.rbac;

import static io.palisade.admission.policy.ShortText.quote;

import io.palisade.admission.policy.ObjectChanges;
import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code palisade:rbac-binding}: no RoleBinding or ClusterRoleBinding grants a privileged role
 * ({@code cluster-admin} by default) to a subject that is not allowed. Checked on CREATE and UPDATE
 * (subjects can be added later; {@code roleRef} is immutable). One finding per subject.
 *
 * <p>A binding only names its role. The policy therefore judges the role by name: {@code
 * cluster-admin} is known to hold {@code *} on everything, other wildcard roles must be listed in
 * {@link RoleBindingSettings#privilegedRoles()}. Roles that gain wildcards later are caught when
 * they are written, by {@link RolePolicy}.
 */
public final class RoleBindingPolicy implements Policy {

  public static final String NAME = "palisade:rbac-binding";

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private final RoleBindingSettings settings;

  public RoleBindingPolicy(RoleBindingSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> evaluate(AdmissionRequest request) {
    String resource = request.resource().groupResource();
    if (!request.isCreateOrUpdate()
        || !request.subResource().isEmpty()
        || ObjectChanges.isFinalizing(request)
        || !(resource.equals("rolebindings." + RBAC_GROUP)
            || resource.equals("clusterrolebindings." + RBAC_GROUP))) {
      return List.of();
    }
    JsonNode binding = request.object();
    JsonNode roleRef = binding.path("roleRef");
    String role = roleRef.path("name").stringValue("");
    if (!settings.privilegedRoles().contains(role)) {
      return List.of();
    }
    String roleKind = roleRef.path("kind").stringValue("ClusterRole");
    List<Violation> violations = new ArrayList<>();
    JsonNode subjects = binding.path("subjects");
    for (int i = 0; i < subjects.size(); i++) {
      SubjectRef subject = subject(subjects.get(i), request.namespace());
      if (!settings.allowedSubjects().contains(subject)) {
        violations.add(
            Violation.at(
                NAME,
                "subjects[" + i + "]",
                subject.kind()
                    + " "
                    + quote(displayName(subject))
                    + " must not be bound to "
                    + roleKind
                    + " "
                    + quote(role)));
      }
    }
    return violations;
  }

  /** A service account without namespace in a RoleBinding is in the binding's namespace. */
  private static SubjectRef subject(JsonNode subject, String bindingNamespace) {
    String kind = subject.path("kind").stringValue("");
    String namespace = "";
    if ("ServiceAccount".equals(kind)) {
      namespace = subject.path("namespace").stringValue("");
      namespace = namespace.isEmpty() ? bindingNamespace : namespace;
    }
    return new SubjectRef(kind, namespace, subject.path("name").stringValue(""));
  }

  /** {@code name}, or {@code namespace/name} for a service account. */
  private static String displayName(SubjectRef subject) {
    return subject.namespace().isEmpty()
        ? subject.name()
        : subject.namespace() + "/" + subject.name();
  }
}
