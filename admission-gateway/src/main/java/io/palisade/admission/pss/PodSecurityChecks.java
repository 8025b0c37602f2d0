package io.palisade.admission.pss;

import java.util.List;

/**
 * Every Pod Security Standards check the gateway implements: the 13 baseline and 6 restricted
 * checks of upstream pod-security-admission up to policy version v1.37. Adding a check is one class
 * and one line here.
 */
public final class PodSecurityChecks {

  private PodSecurityChecks() {}

  public static List<PodSecurityCheck> all() {
    return List.of(
        // baseline
        new WindowsHostProcessCheck(),
        new HostNamespacesCheck(),
        new PrivilegedCheck(),
        new CapabilitiesBaselineCheck(),
        new HostPathVolumesCheck(),
        new HostPortsCheck(),
        new HostProbesAndHostLifecycleCheck(),
        new AppArmorProfileCheck(),
        new SeLinuxOptionsCheck(),
        new ProcMountCheck(),
        new SeccompProfileBaselineCheck(),
        new SysctlsCheck(),
        // restricted
        new RestrictedVolumesCheck(),
        new AllowPrivilegeEscalationCheck(),
        new RunAsNonRootCheck(),
        new RunAsUserCheck(),
        new SeccompProfileRestrictedCheck(),
        new CapabilitiesRestrictedCheck(),
        new ProcMountRestrictedCheck());
  }
}
