package io.palisade.admission.policy.rbac;

import java.util.Objects;
import java.util.Set;

/**
 * Who may write Roles and ClusterRoles with dangerous rules.
 *
 * @param allowedUsers usernames (as in {@code request.userInfo.username})
 * @param allowedGroups groups (as in {@code request.userInfo.groups})
 */
public record RoleSettings(Set<String> allowedUsers, Set<String> allowedGroups) {

  public RoleSettings {
    allowedUsers = Set.copyOf(Objects.requireNonNull(allowedUsers, "allowedUsers"));
    allowedGroups = Set.copyOf(Objects.requireNonNull(allowedGroups, "allowedGroups"));
  }

  /**
   * The API server's own bootstrap and reconciliation ({@code system:masters}) and the controller
   * that fills aggregated ClusterRoles such as {@code admin} and {@code edit} (which hold {@code
   * pods/exec} and secrets read by design).
   */
  public static RoleSettings defaults() {
    return new RoleSettings(
        Set.of(
            "system:kube-controller-manager",
            "system:serviceaccount:kube-system:clusterrole-aggregation-controller"),
        Set.of("system:masters"));
  }
}
