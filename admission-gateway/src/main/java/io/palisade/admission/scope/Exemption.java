package io.palisade.admission.scope;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One named exemption. It applies to a request when every selector it sets matches (an unset, empty
 * selector matches everything); within one selector any listed value matches. PSA's three
 * exemptions are {@code usernames}, {@code namespaces} and {@code runtimeClasses}; Palisade adds
 * {@code groups}, {@code workloadLabels} (every key=value must be on the object) and {@code
 * policies} (which policies it exempts from; empty means all, a trailing {@code *} matches a
 * prefix).
 *
 * <p>Labels are set by whoever creates the workload, so a {@code workloadLabels} exemption should
 * be narrowed with {@code namespaces} and {@code policies}; the configuration loader does not
 * enforce this.
 *
 * @param name unique; appears in the audit record as "exempted by &lt;name&gt;"
 * @param usernames requesting user names, exact
 * @param groups requesting user's groups, exact; any one suffices
 * @param namespaces request namespaces, exact
 * @param runtimeClasses pod {@code spec.runtimeClassName}, exact
 * @param workloadLabels labels the object must all carry with these values
 * @param policies policy names (or {@code prefix*}) this exemption covers; empty = all policies
 * @param expires when it stops applying; null = never
 * @param reason why it was granted (free text, for auditors); may be null
 */
public record Exemption(
    String name,
    Set<String> usernames,
    Set<String> groups,
    Set<String> namespaces,
    Set<String> runtimeClasses,
    Map<String, String> workloadLabels,
    Set<String> policies,
    Instant expires,
    String reason) {

  /**
   * @throws IllegalArgumentException when the name is blank or nothing is selected
   */
  public Exemption {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an exemption needs a name");
    }
    usernames = Set.copyOf(usernames);
    groups = Set.copyOf(groups);
    namespaces = Set.copyOf(namespaces);
    runtimeClasses = Set.copyOf(runtimeClasses);
    workloadLabels = Map.copyOf(workloadLabels);
    policies = Set.copyOf(policies);
    if (usernames.isEmpty()
        && groups.isEmpty()
        && namespaces.isEmpty()
        && runtimeClasses.isEmpty()
        && workloadLabels.isEmpty()
        && policies.isEmpty()) {
      throw new IllegalArgumentException(
          "exemption \""
              + name
              + "\" selects nothing: set at least one of usernames, groups, namespaces,"
              + " runtimeClasses, workloadLabels, policies");
    }
  }

  /** Whether it has expired at {@code now} (an exemption expiring exactly now has expired). */
  public boolean expiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }

  /** Whether its selectors match the request for {@code policy}, ignoring expiry. */
  public boolean selects(RequestFacts facts, String policy) {
    return (usernames.isEmpty() || usernames.contains(facts.username()))
        && (groups.isEmpty() || facts.groups().stream().anyMatch(groups::contains))
        && (namespaces.isEmpty() || namespaces.contains(facts.namespace()))
        && (runtimeClasses.isEmpty() || runtimeClasses.contains(facts.runtimeClassName()))
        && workloadLabels.entrySet().stream()
            .allMatch(label -> label.getValue().equals(facts.workloadLabels().get(label.getKey())))
        && (policies.isEmpty() || policies.stream().anyMatch(pattern -> covers(pattern, policy)));
  }

  private static boolean covers(String pattern, String policy) {
    return pattern.endsWith("*")
        ? policy.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(policy);
  }

  /** For audit records and logs: {@code <name>} plus its expiry when it has one. */
  public String describe() {
    return expires == null ? name : name + " (expires " + expires + ")";
  }
}
