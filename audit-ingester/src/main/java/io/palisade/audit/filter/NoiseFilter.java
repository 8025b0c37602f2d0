package io.palisade.audit.filter;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drops audit events that are high in volume and carry no security signal (lease renewals, health
 * checks, kube-proxy's watches, …), as configured by named {@link FilterRule}s. The first rule that
 * matches names the reason an event was dropped.
 */
public final class NoiseFilter {

  private final List<FilterRule> rules;

  /**
   * @throws IllegalArgumentException when two rules share a name
   */
  public NoiseFilter(List<FilterRule> rules) {
    Set<String> names = new HashSet<>();
    for (FilterRule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException(
            "two noise filter rules are named '" + rule.name() + "'; names must be unique");
      }
    }
    this.rules = List.copyOf(rules);
  }

  /** A filter that drops nothing. */
  public static NoiseFilter none() {
    return new NoiseFilter(List.of());
  }

  /** The name of the first rule that drops {@code event}, or empty to keep it. */
  public Optional<String> drops(AuditEvent event) {
    for (FilterRule rule : rules) {
      if (matches(rule, event)) {
        return Optional.of(rule.name());
      }
    }
    return Optional.empty();
  }

  public List<FilterRule> rules() {
    return rules;
  }

  private static boolean matches(FilterRule rule, AuditEvent event) {
    ObjectReference ref = event.getObjectRef();
    String resource = ref == null ? null : ref.getResource();
    boolean nonResource = resource == null || resource.isEmpty();
    return anyMatches(rule.users(), event.getUser().getUsername())
        && (rule.userGroups().isEmpty()
            || event.getUser().getGroups().stream()
                .anyMatch(group -> anyMatches(rule.userGroups(), group)))
        && anyMatches(rule.verbs(), event.getVerb())
        && (rule.resources().isEmpty()
            || (!nonResource && anyMatches(rule.resources(), resourceOf(ref))))
        && (rule.namespaces().isEmpty()
            || anyMatches(rule.namespaces(), ref == null ? null : ref.getNamespace()))
        && (rule.nonResourceUrls().isEmpty()
            || (nonResource && pathMatches(rule.nonResourceUrls(), event.getRequestUri())))
        && anyMatches(rule.stages(), event.getStage());
  }

  /** True when there are no patterns (the criterion is not set) or one of them matches. */
  private static boolean anyMatches(List<String> patterns, String value) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (String pattern : patterns) {
      if (Glob.matches(pattern, value)) {
        return true;
      }
    }
    return false;
  }

  private static String resourceOf(ObjectReference ref) {
    String subresource = ref.getSubresource();
    return subresource == null || subresource.isEmpty()
        ? ref.getResource()
        : ref.getResource() + "/" + subresource;
  }

  private static boolean pathMatches(List<String> urls, String requestUri) {
    if (requestUri == null) {
      return false;
    }
    int query = requestUri.indexOf('?');
    String path = query < 0 ? requestUri : requestUri.substring(0, query);
    for (String url : urls) {
      if (url.endsWith("*")) {
        if (path.startsWith(url.substring(0, url.length() - 1))) {
          return true;
        }
      } else if (path.equals(url) || path.startsWith(url.endsWith("/") ? url : url + "/")) {
        return true;
      }
    }
    return false;
  }
}
