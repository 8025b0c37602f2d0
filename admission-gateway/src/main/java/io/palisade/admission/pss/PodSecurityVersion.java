package io.palisade.admission.pss;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Pod Security Standards policy version: {@code v1.<minor>} or {@code latest}, as written in the
 * {@code pod-security.kubernetes.io/<mode>-version} label. Checks keep the semantics they had at
 * that Kubernetes minor version. A version newer than {@link #NEWEST_MINOR} is evaluated like the
 * newest one (as PSA does), and {@code latest} always means the newest.
 *
 * @param minor the Kubernetes minor version; ignored when {@code latest}
 * @param latest whether this is {@code latest}
 */
public record PodSecurityVersion(int minor, boolean latest) {

  /**
   * The newest policy version this engine implements: v1.37 (upstream pod-security-admission master
   * of 2026-07-01, whose only v1.37 change is two more allowed sysctls).
   */
  public static final int NEWEST_MINOR = 37;

  public static final PodSecurityVersion LATEST = new PodSecurityVersion(NEWEST_MINOR, true);

  private static final Pattern VERSION = Pattern.compile("v1\\.(0|[1-9][0-9]{0,8})");

  public PodSecurityVersion {
    if (minor < 0) {
      throw new IllegalArgumentException("minor version must not be negative: " + minor);
    }
    if (latest) {
      minor = NEWEST_MINOR;
    }
  }

  /** {@code v1.<minor>}. */
  public static PodSecurityVersion v1(int minor) {
    return new PodSecurityVersion(minor, false);
  }

  /**
   * Parses {@code latest} or {@code v1.<minor>} (no leading zeros, as PSA accepts them).
   *
   * @throws IllegalArgumentException naming the expected form when {@code text} is neither
   */
  public static PodSecurityVersion parse(String text) {
    if ("latest".equals(text)) {
      return LATEST;
    }
    Matcher matcher = text == null ? null : VERSION.matcher(text);
    if (matcher == null || !matcher.matches()) {
      throw new IllegalArgumentException(
          "not a Pod Security version: \""
              + text
              + "\" (expected latest or v1.<minor>, e.g. v1.30)");
    }
    return v1(Integer.parseInt(matcher.group(1)));
  }

  /**
   * The minor version whose semantics apply: {@link #NEWEST_MINOR} for latest or anything newer.
   */
  public int effectiveMinor() {
    return Math.min(minor, NEWEST_MINOR);
  }

  /** Whether the semantics of {@code v1.<otherMinor>} are in force at this version. */
  public boolean atLeast(int otherMinor) {
    return effectiveMinor() >= otherMinor;
  }

  /** Whether this version's semantics predate {@code other}'s. */
  public boolean isOlderThan(PodSecurityVersion other) {
    return effectiveMinor() < other.effectiveMinor();
  }

  @Override
  public String toString() {
    return latest ? "latest" : "v1." + minor;
  }
}
