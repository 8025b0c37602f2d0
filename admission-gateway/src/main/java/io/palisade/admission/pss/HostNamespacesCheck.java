package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.isTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Baseline "Host Namespaces" (v1.0+): sharing the host's network, PID or IPC namespace must be
 * disallowed ({@code spec.hostNetwork}, {@code spec.hostPID}, {@code spec.hostIPC} unset or false).
 */
final class HostNamespacesCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "hostNamespaces";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.BASELINE;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(0));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    List<String> shared = new ArrayList<>(0);
    if (isTrue(pod.spec().path("hostNetwork"))) {
      shared.add("hostNetwork=true");
    }
    if (isTrue(pod.spec().path("hostPID"))) {
      shared.add("hostPID=true");
    }
    if (isTrue(pod.spec().path("hostIPC"))) {
      shared.add("hostIPC=true");
    }
    return shared.isEmpty()
        ? Optional.empty()
        : Optional.of(new CheckFailure(id(), "host namespaces", String.join(", ", shared)));
  }
}
