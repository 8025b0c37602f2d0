package io.palisade.admission.pss;

import static io.palisade.admission.pss.PodSpecView.securityContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Restricted "Running as Non-root" (v1.0+; v1.35): containers must run with {@code runAsNonRoot:
 * true}, set on the pod or on every container; an explicit {@code false} anywhere fails. From v1.35
 * a pod in a user namespace ({@code hostUsers: false}) passes, since its root is not the host's.
 */
final class RunAsNonRootCheck implements PodSecurityCheck {

  @Override
  public String id() {
    return "runAsNonRoot";
  }

  @Override
  public PodSecurityLevel level() {
    return PodSecurityLevel.RESTRICTED;
  }

  @Override
  public List<PodSecurityVersion> versions() {
    return List.of(PodSecurityVersion.v1(0), PodSecurityVersion.v1(35));
  }

  @Override
  public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
    if (version.atLeast(35) && pod.inUserNamespace()) {
      return Optional.empty();
    }
    List<String> setters = new ArrayList<>(0);
    boolean podRunAsNonRoot = false;
    JsonNode podValue = pod.podSecurityContext().path("runAsNonRoot");
    if (podValue.isBoolean()) {
      if (podValue.booleanValue()) {
        podRunAsNonRoot = true;
      } else {
        setters.add("pod");
      }
    }
    List<String> explicitlyBad = new ArrayList<>(0);
    List<String> implicitlyBad = new ArrayList<>(0);
    for (JsonNode container : pod.containers()) {
      JsonNode value = securityContext(container).path("runAsNonRoot");
      if (value.isBoolean()) {
        if (!value.booleanValue()) {
          explicitlyBad.add(PodSpecView.name(container));
        }
      } else if (!podRunAsNonRoot) {
        implicitlyBad.add(PodSpecView.name(container));
      }
    }
    if (!explicitlyBad.isEmpty()) {
      setters.add(PsaText.containers(explicitlyBad));
    }
    if (!setters.isEmpty()) {
      return Optional.of(
          new CheckFailure(
              id(),
              "runAsNonRoot != true",
              String.join(" and ", setters) + " must not set securityContext.runAsNonRoot=false"));
    }
    if (!implicitlyBad.isEmpty()) {
      return Optional.of(
          new CheckFailure(
              id(),
              "runAsNonRoot != true",
              "pod or "
                  + PsaText.containers(implicitlyBad)
                  + " must set securityContext.runAsNonRoot=true"));
    }
    return Optional.empty();
  }
}
