package io.palisade.deploy;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates the NetworkPolicies of one namespace the way the API defines them, enough to ask
 * whether a connection is allowed: a pod's traffic in a direction is denied once any policy of that
 * type selects it, and then allowed if any rule of a selecting policy matches the peer and port.
 * Selectors support matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); peers are
 * pods of a namespace (by labels) or addresses matched by ipBlock CIDRs with exceptions.
 */
final class NetworkPolicies {

  /** A pod: where it runs and its labels. */
  record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {}

  /** One end of a connection: a pod, or an address outside the pod network. */
  record Peer(Pod pod, String address) {
    static Peer of(Pod pod) {
      return new Peer(pod, null);
    }

    static Peer address(String address) {
      return new Peer(null, address);
    }
  }

  private final List<JsonNode> policies;
  private final String namespace;

  NetworkPolicies(List<? extends JsonNode> policies, String namespace) {
    this.policies = List.copyOf(policies);
    this.namespace = namespace;
  }

  boolean allowsIngress(Peer from, Pod to, int port) {
    return allows(to, "Ingress", "ingress", "from", from, port);
  }

  boolean allowsEgress(Pod from, Peer to, int port) {
    return allows(from, "Egress", "egress", "to", to, port);
  }

  private boolean allows(
      Pod pod, String type, String rulesField, String peersField, Peer peer, int port) {
    if (!pod.namespace().equals(namespace)) {
      return true; // other namespaces have no policies here
    }
    boolean isolated = false;
    for (JsonNode policy : policies) {
      JsonNode spec = policy.path("spec");
      if (!selects(spec.path("podSelector"), pod.labels()) || !hasType(spec, type)) {
        continue;
      }
      isolated = true;
      for (JsonNode rule : spec.path(rulesField)) {
        if (matchesPort(rule.path("ports"), port) && matchesPeer(rule.path(peersField), peer)) {
          return true;
        }
      }
    }
    return !isolated;
  }

  private static boolean hasType(JsonNode spec, String type) {
    if (!spec.has("policyTypes")) {
      return type.equals("Ingress") || spec.has("egress");
    }
    for (JsonNode declared : spec.path("policyTypes")) {
      if (declared.stringValue("").equals(type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesPort(JsonNode ports, int port) {
    if (ports.isMissingNode() || ports.isEmpty()) {
      return true;
    }
    for (JsonNode declared : ports) {
      if (declared.path("port").isMissingNode() || declared.path("port").intValue() == port) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesPeer(JsonNode peers, Peer peer) {
    if (peers.isMissingNode() || peers.isEmpty()) {
      return true;
    }
    for (JsonNode declared : peers) {
      if (declared.has("ipBlock")) {
        if (peer.address() != null && inBlock(declared.path("ipBlock"), peer.address())) {
          return true;
        }
        continue;
      }
      if (peer.pod() == null) {
        continue;
      }
      boolean namespaceMatches =
          declared.has("namespaceSelector")
              ? selects(declared.path("namespaceSelector"), peer.pod().namespaceLabels())
              : peer.pod().namespace().equals(namespace);
      boolean podMatches =
          !declared.has("podSelector")
              || selects(declared.path("podSelector"), peer.pod().labels());
      if (namespaceMatches && podMatches) {
        return true;
      }
    }
    return false;
  }

  static boolean selects(JsonNode selector, Map<String, String> labels) {
    for (Map.Entry<String, JsonNode> label : selector.path("matchLabels").properties()) {
      if (!label.getValue().stringValue("").equals(labels.get(label.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String value = labels.get(expression.path("key").stringValue(""));
      List<String> values = new java.util.ArrayList<>();
      expression.path("values").forEach(v -> values.add(v.stringValue("")));
      boolean ok =
          switch (expression.path("operator").stringValue("")) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default ->
                throw new IllegalArgumentException("operator " + expression.path("operator"));
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean inBlock(JsonNode block, String address) {
    if (!inCidr(block.path("cidr").stringValue(""), address)) {
      return false;
    }
    for (JsonNode except : block.path("except")) {
      if (inCidr(except.stringValue(""), address)) {
        return false;
      }
    }
    return true;
  }

  private static boolean inCidr(String cidr, String address) {
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return (ipv4(parts[0]) & mask) == (ipv4(address) & mask);
  }

  private static long ipv4(String address) {
    long value = 0;
    for (String octet : address.split("\\.")) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    return value;
  }
}
