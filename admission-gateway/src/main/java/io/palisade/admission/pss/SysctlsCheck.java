package io.palisade.admission.pss;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Baseline "Sysctls" (v1.0+; v1.27, v1.29, v1.32, v1.37): only namespaced sysctls isolated from
 * other pods may be set in {@code spec.securityContext.sysctls[*].name}; the allow-list grows with
 * the version.
 */
final class SysctlsCheck implements PodSecurityCheck {

  private static final Set<String> ALLOWED_1_0 =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_unprivileged_port_start");
  private static final Set<String> ALLOWED_1_27 =
      union(ALLOWED_1_0, "net.ipv4.ip_local_reserved_ports");
  private static final Set<String> ALLOWED_1_29 =
      union(
          ALLOWED_1_27,
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> ALLOWED_1_32 =
      union(ALLOWED_1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
  private static final Set<String> ALLOWED_1_37 =
      union(ALLOWED_1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

  @Override
  public String id() {
    return "sysctls";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.BASELINE;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(
        PodSecurityVersion.v1(0),
        PodSecurityVersion.v1(27),
        PodSecurityVersion.v1(29),
        PodSecurityVersion.v1(32),
        PodSecurityVersion.v1(37));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    Set<String> allowed = allowedAt(version);
    List<String> forbidden = new ArrayList<>(0);
    for (JsonNode sysctl : pod.podSecurityContext().path("sysctls")) {
      String name = PodSpecView.text(sysctl.path("name"));
      if (!allowed.contains(name)) {
        forbidden.add(name);
      }
    }
    return forbidden.isEmpty()
        ? Optional.empty()
        : Optional.of(new CheckFailure(id(), "forbidden sysctls", String.join(", ", forbidden)));
  }

  private static Set<String> allowedAt(PodSecurityVersion version) {
    if (version.atLeast(37)) {
      return ALLOWED_1_37;
    } else if (version.atLeast(32)) {
      return ALLOWED_1_32;
    } else if (version.atLeast(29)) {
      return ALLOWED_1_29;
    } else if (version.atLeast(27)) {
      return ALLOWED_1_27;
    }
    return ALLOWED_1_0;
  }

  private static Set<String> union(Set<String> base, String... more) {
    Set<String> union = new HashSet<>(base);
    union.addAll(List.of(more));
    return Set.copyOf(union);
  }
}
