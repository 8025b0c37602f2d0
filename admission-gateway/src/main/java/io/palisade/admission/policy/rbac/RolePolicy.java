package io.palisade.admission.policy.rbac;

import io.palisade.admission.policy.ObjectChanges;
import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.review.RequestUser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * {@code palisade:rbac-role}: no Role or ClusterRole grants, in any rule,
 *
 * <ul>
 *   <li>wildcard verbs or resources ({@code *});
 *   <li>the verbs {@code escalate}, {@code bind} or {@code impersonate} (each lets its holder gain
 *       permissions it was not given);
 *   <li>{@code pods/exec} or {@code nodes/proxy} (also via {@code *}{@code /exec}, {@code *}{@code
 *       /proxy}) in the core API group: a shell in any pod, or the kubelet API of a node;
 *   <li>{@code get}, {@code list} or {@code watch} on {@code secrets} in the core group, unless the
 *       rule is limited by {@code resourceNames} (reading named secrets is least privilege).
 * </ul>
 *
 * Only the rule's own words count: a rule with {@code verbs: ["*"]} on {@code secrets} is reported
 * once, as a wildcard. Writes by the allowed creators (users or groups of the request) are not
 * checked. One finding per rule and problem, at {@code rules[i].verbs} or {@code
 * rules[i].resources}.
 */
public final class RolePolicy implements Policy {

  public static final String NAME = "palisade:rbac-role";

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private static final String WILDCARD = "*";
  private static final List<String> ESCALATING_VERBS = List.of("escalate", "bind", "impersonate");
  private static final Set<String> SECRET_READS = Set.of("get", "list", "watch");

  private final RoleSettings settings;

  public RolePolicy(RoleSettings settings) {
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
        || !(resource.equals("roles." + RBAC_GROUP)
            || resource.equals("clusterroles." + RBAC_GROUP))
        || isAllowedCreator(request.user())) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>();
    JsonNode rules = request.object().path("rules");
    for (int i = 0; i < rules.size(); i++) {
      check(rules.get(i), "rules[" + i + "]", violations);
    }
    return violations;
  }

  private boolean isAllowedCreator(RequestUser user) {
    return user != null
        && (settings.allowedUsers().contains(user.username())
            || user.groups().stream().anyMatch(settings.allowedGroups()::contains));
  }

  private static void check(JsonNode rule, String path, List<Violation> violations) {
    Set<String> verbs = strings(rule.path("verbs"));
    Set<String> resources = strings(rule.path("resources"));
    Set<String> groups = strings(rule.path("apiGroups"));
    boolean coreGroup = groups.contains("") || groups.contains(WILDCARD);
    boolean namedOnly = !rule.path("resourceNames").isEmpty();

    if (verbs.contains(WILDCARD)) {
      violations.add(Violation.at(NAME, path + ".verbs", "wildcard verb \"*\" is not allowed"));
    }
    if (resources.contains(WILDCARD)) {
      violations.add(
          Violation.at(NAME, path + ".resources", "wildcard resource \"*\" is not allowed"));
    }
    List<String> escalating = ESCALATING_VERBS.stream().filter(verbs::contains).toList();
    if (!escalating.isEmpty()) {
      violations.add(
          Violation.at(
              NAME, path + ".verbs", quoted(escalating) + " not allowed (privilege escalation)"));
    }
    if (!coreGroup) {
      return;
    }
    List<String> access = new ArrayList<>();
    for (String granted : List.of("pods/exec", "*/exec", "nodes/proxy", "*/proxy")) {
      if (resources.contains(granted)) {
        access.add(granted);
      }
    }
    if (!access.isEmpty()) {
      violations.add(Violation.at(NAME, path + ".resources", quoted(access) + " not allowed"));
    }
    if (resources.contains("secrets")
        && !namedOnly
        && !verbs.contains(WILDCARD)
        && verbs.stream().anyMatch(SECRET_READS::contains)) {
      violations.add(
          Violation.at(
              NAME,
              path + ".resources",
              "reading \"secrets\" ("
                  + verbs.stream()
                      .filter(SECRET_READS::contains)
                      .sorted()
                      .collect(Collectors.joining(", "))
                  + ") not allowed without resourceNames"));
    }
  }

  private static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new LinkedHashSet<>();
    for (JsonNode value : array) {
      if (value.isString()) {
        values.add(value.stringValue());
      }
    }
    return values;
  }
}
