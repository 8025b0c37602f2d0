package io.palisade.audit.filter;

import java.util.List;

/**
 * A named rule of the noise filter ({@code palisade.audit.filters[n]}). An event matches when it
 * matches <em>every</em> criterion the rule sets, and a criterion matches when <em>any</em> of its
 * values does, as in an audit policy. {@code *} in a value matches any text ({@code
 * system:node:*}).
 *
 * @param name the rule's name, the {@code filter} tag of {@code palisade_audit_filtered_total}
 * @param users usernames ({@code user.username})
 * @param userGroups groups, any of the user's ({@code user.groups})
 * @param verbs verbs
 * @param resources {@code resource} or {@code resource/subresource} ({@code pods/exec}); {@code
 *     pods} does not match {@code pods/exec}, {@code pods/*} matches every subresource of pods
 * @param namespaces namespaces ({@code objectRef.namespace}); events without one never match
 * @param nonResourceUrls paths of non-resource requests (events without {@code
 *     objectRef.resource}): {@code /healthz} matches {@code /healthz}, {@code /healthz/etcd} and
 *     {@code /healthz?verbose}; a value ending in {@code *} is a plain prefix
 * @param stages stages ({@code ResponseComplete}, …)
 */
public record FilterRule(
    String name,
    List<String> users,
    List<String> userGroups,
    List<String> verbs,
    List<String> resources,
    List<String> namespaces,
    List<String> nonResourceUrls,
    List<String> stages) {

  public FilterRule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a noise filter rule needs a name");
    }
    users = copy(users);
    userGroups = copy(userGroups);
    verbs = copy(verbs);
    resources = copy(resources);
    namespaces = copy(namespaces);
    nonResourceUrls = copy(nonResourceUrls);
    stages = copy(stages);
    if (users.isEmpty()
        && userGroups.isEmpty()
        && verbs.isEmpty()
        && resources.isEmpty()
        && namespaces.isEmpty()
        && nonResourceUrls.isEmpty()
        && stages.isEmpty()) {
      // a rule without criteria would drop every event
      throw new IllegalArgumentException(
          "noise filter rule '" + name + "' sets no criterion, so it would drop every event");
    }
  }

  private static List<String> copy(List<String> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
