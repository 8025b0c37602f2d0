package io.palisade.audit.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noise filter rules Palisade ships, on unless {@code palisade.audit.default-filters} leaves
 * them out. Each is narrow on purpose: a system identity AND a verb AND a resource (or a health
 * path), so the same verbs by anyone else, or other verbs by these identities, are kept.
 */
public final class DefaultFilters {

  /** Leader-election and node-heartbeat lease renewals by the control plane and the kubelets. */
  public static final FilterRule LEASE_RENEWALS =
      new FilterRule(
          "lease-renewals",
          List.of("system:kube-controller-manager", "system:kube-scheduler", "system:node:*"),
          List.of(),
          List.of("get", "update"),
          List.of("leases"),
          List.of("kube-system", "kube-node-lease"),
          List.of(),
          List.of());

  /** Probes of the API server's health endpoints, by anyone. */
  public static final FilterRule HEALTH_CHECKS =
      new FilterRule(
          "health-checks",
          List.of(),
          List.of(),
          List.of("get"),
          List.of(),
          List.of(),
          List.of("/healthz", "/livez", "/readyz"),
          List.of());

  /** kube-proxy's watches of services, endpoints and nodes. */
  public static final FilterRule KUBE_PROXY_WATCHES =
      new FilterRule(
          "kube-proxy-watches",
          List.of("system:kube-proxy"),
          List.of(),
          List.of("watch"),
          List.of(),
          List.of(),
          List.of(),
          List.of());

  private static final Map<String, FilterRule> BY_NAME = byName();

  private DefaultFilters() {}

  /** Every default rule's name, in order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * The default rules named, in the order given.
   *
   * @throws IllegalArgumentException for a name that is not a default rule
   */
  public static List<FilterRule> named(List<String> names) {
    List<FilterRule> rules = new ArrayList<>();
    for (String name : names) {
      FilterRule rule = BY_NAME.get(name);
      if (rule == null) {
        throw new IllegalArgumentException(
            "'" + name + "' is not a default noise filter; the defaults are " + names());
      }
      rules.add(rule);
    }
    return rules;
  }

  private static Map<String, FilterRule> byName() {
    Map<String, FilterRule> rules = new LinkedHashMap<>();
    for (FilterRule rule : List.of(LEASE_RENEWALS, HEALTH_CHECKS, KUBE_PROXY_WATCHES)) {
      rules.put(rule.name(), rule);
    }
    return rules;
  }
}
