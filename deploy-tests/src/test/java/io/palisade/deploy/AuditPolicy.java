package io.palisade.deploy;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The API server's audit policy evaluation (first matching rule wins), enough to check which level
 * a request is logged at: users, userGroups, verbs, namespaces, resources (group, resource or
 * resource/subresource; a group without resources means all of them) and nonResourceURLs (with a
 * trailing {@code *}).
 */
final class AuditPolicy {

  private AuditPolicy() {}

  static String levelOf(
      JsonNode policy,
      String user,
      List<String> groups,
      String verb,
      String group,
      String resource,
      String namespace) {
    for (JsonNode rule : policy.path("rules")) {
      if (matchesRequester(rule, user, groups, verb)
          && matchesNamespace(rule, namespace)
          && !rule.has("nonResourceURLs")
          && matchesResource(rule, group, resource)) {
        return rule.path("level").stringValue("");
      }
    }
    return "None";
  }

  static String levelOfNonResource(JsonNode policy, String user, String verb, String url) {
    for (JsonNode rule : policy.path("rules")) {
      if (matchesRequester(rule, user, List.of(), verb)
          && !rule.has("resources")
          && !rule.has("namespaces")
          && matchesUrl(rule, url)) {
        return rule.path("level").stringValue("");
      }
    }
    return "None";
  }

  private static boolean matchesRequester(
      JsonNode rule, String user, List<String> groups, String verb) {
    return (!rule.has("users") || contains(rule.path("users"), user))
        && (!rule.has("userGroups")
            || groups.stream().anyMatch(g -> contains(rule.path("userGroups"), g)))
        && (!rule.has("verbs") || contains(rule.path("verbs"), verb));
  }

  private static boolean matchesNamespace(JsonNode rule, String namespace) {
    return !rule.has("namespaces") || contains(rule.path("namespaces"), namespace);
  }

  private static boolean matchesResource(JsonNode rule, String group, String resource) {
    if (!rule.has("resources")) {
      return true;
    }
    for (JsonNode groupResources : rule.path("resources")) {
      if (!groupResources.path("group").stringValue("").equals(group)) {
        continue;
      }
      if (!groupResources.has("resources")
          || contains(groupResources.path("resources"), resource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesUrl(JsonNode rule, String url) {
    if (!rule.has("nonResourceURLs")) {
      return true;
    }
    for (JsonNode pattern : rule.path("nonResourceURLs")) {
      String text = pattern.stringValue("");
      if (text.endsWith("*")
          ? url.startsWith(text.substring(0, text.length() - 1))
          : url.equals(text)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode candidate : values) {
      if (candidate.stringValue("").equals(value)) {
        return true;
      }
    }
    return false;
  }
}
