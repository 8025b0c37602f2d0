package io.palisade.admission.policy.rbac;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * @param privilegedRoles names of the (Cluster)Roles nobody but the allowed subjects may be bound
 *     to: {@code cluster-admin} and any role you know holds {@code *} verbs or resources (a binding
 *     only names its role, so the policy cannot see the role's rules; list such roles here)
 * @param allowedSubjects subjects that may be bound to them ({@link SubjectRef} syntax); default
 *     {@code Group:system:masters}, which holds cluster-admin in every cluster anyway
 */
public record RoleBindingSettings(Set<String> privilegedRoles, List<SubjectRef> allowedSubjects) {

  public RoleBindingSettings {
    privilegedRoles = Set.copyOf(Objects.requireNonNull(privilegedRoles, "privilegedRoles"));
    allowedSubjects = List.copyOf(Objects.requireNonNull(allowedSubjects, "allowedSubjects"));
  }

  /** Settings from the written forms of the subjects ({@code Group:system:masters}, …). */
  public static RoleBindingSettings of(Set<String> privilegedRoles, List<String> allowedSubjects) {
    return new RoleBindingSettings(
        privilegedRoles, allowedSubjects.stream().map(SubjectRef::parse).toList());
  }

  public static RoleBindingSettings defaults() {
    return of(Set.of("cluster-admin"), List.of("Group:system:masters"));
  }
}
