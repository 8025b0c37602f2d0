package io.palisade.admission.pss;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "Host Probes / Lifecycle Hooks" (v1.34+): probes and lifecycle handlers must not name a
 * {@code host}, which would let the kubelet reach arbitrary addresses on the pod's behalf ({@code
 * liveness/readiness/startupProbe} and {@code lifecycle.postStart/preStop}, each {@code
 * httpGet.host} and {@code tcpSocket.host}).
 */
final class HostProbesAndHostLifecycleCheck implements PodSecurityCheck {

  private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};
  private static final String[] HANDLERS = {"postStart", "preStop"};
  private static final String[] ACTIONS = {"httpGet", "tcpSocket"};

  @Override
  public String id() {
    return "hostProbesAndHostLifecycle";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.BASELINE;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(34));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    // Upstream collects both into sets, so containers are named in sorted order here.
    TreeSet<String> badContainers = new TreeSet<>();
    TreeSet<String> hosts = new TreeSet<>();
    for (JsonNode container : pod.containers()) {
      boolean bad = false;
      for (String probe : PROBES) {
        bad |= collectHosts(container.path(probe), hosts);
      }
      JsonNode lifecycle = container.path("lifecycle");
      for (String handler : HANDLERS) {
        bad |= collectHosts(lifecycle.path(handler), hosts);
      }
      if (bad) {
        badContainers.add(PodSpecView.name(container));
      }
    }
    if (badContainers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckFailure(
            id(),
            "probe or lifecycle host",
            PsaText.containers(badContainers)
                + " "
                + PsaText.pluralize("uses", "use", badContainers.size())
                + " "
                + PsaText.pluralize(
                    "probe or lifecycle host", "probe or lifecycle hosts", hosts.size())
                + " "
                + PsaText.joinQuote(hosts)));
  }

  private static boolean collectHosts(JsonNode handler, TreeSet<String> hosts) {
    boolean found = false;
    for (String action : ACTIONS) {
      String host = PodSpecView.text(handler.path(action).path("host"));
      if (!host.isEmpty()) {
        hosts.add(host);
        found = true;
      }
    }
    return found;
  }
}
