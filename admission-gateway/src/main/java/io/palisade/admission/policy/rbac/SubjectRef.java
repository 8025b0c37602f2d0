package io.palisade.admission.policy.rbac;

import java.util.Objects;
import java.util.Set;

/**
 * An RBAC subject as written in settings: {@code User:alice}, {@code Group:system:masters}, {@code
 * ServiceAccount:<namespace>:<name>}. Names may contain colons (only the first one or two
 * separate).
 *
 * @param kind {@code User}, {@code Group} or {@code ServiceAccount}
 * @param namespace the service account's namespace; empty for users and groups
 * @param name the user, group or service-account name
 */
public record SubjectRef(String kind, String namespace, String name) {

  private static final Set<String> KINDS = Set.of("User", "Group", "ServiceAccount");

  public SubjectRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /**
   * @throws IllegalArgumentException naming the entry and the expected forms when it is malformed
   */
  public static SubjectRef parse(String entry) {
    int colon = entry.indexOf(':');
    String kind = colon < 0 ? entry : entry.substring(0, colon);
    String rest = colon < 0 ? "" : entry.substring(colon + 1);
    if (!KINDS.contains(kind) || rest.isBlank()) {
      throw invalid(entry);
    }
    if (!"ServiceAccount".equals(kind)) {
      return new SubjectRef(kind, "", rest);
    }
    int split = rest.indexOf(':');
    if (split <= 0 || split == rest.length() - 1) {
      throw invalid(entry);
    }
    return new SubjectRef(kind, rest.substring(0, split), rest.substring(split + 1));
  }

  @Override
  public String toString() {
    return kind + ":" + (namespace.isEmpty() ? "" : namespace + ":") + name;
  }

  private static IllegalArgumentException invalid(String entry) {
    return new IllegalArgumentException(
        "RBAC subject \""
            + entry
            + "\" must be User:<name>, Group:<name> or ServiceAccount:<namespace>:<name>");
  }
}
