package io.palisade.admission.scope;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The namespace labels of Pod Security Admission and the syntax of their values. A level is {@code
 * privileged}, {@code baseline} or {@code restricted}; a version is {@code latest} or {@code
 * v1.<minor>} (no leading zeros, as PSA parses it).
 *
 * <p>Only the syntax is checked here. Which versions the engine implements (and that a newer one is
 * evaluated as the newest) is the Pod Security engine's business.
 */
public final class PodSecurityLabels {

  public static final String PREFIX = "pod-security.kubernetes.io/";
  public static final String LATEST = "latest";
  public static final String PRIVILEGED = "privileged";
  public static final String BASELINE = "baseline";
  public static final String RESTRICTED = "restricted";

  /** The three levels, least strict first. */
  public static final List<String> LEVELS = List.of(PRIVILEGED, BASELINE, RESTRICTED);

  private static final Pattern VERSION = Pattern.compile("v1\\.(0|[1-9][0-9]{0,8})");

  private PodSecurityLabels() {}

  /** The level label of a mode, e.g. {@code pod-security.kubernetes.io/enforce}. */
  public static String levelLabel(PodSecurityMode mode) {
    return PREFIX + mode.label();
  }

  /** The version label of a mode, e.g. {@code pod-security.kubernetes.io/enforce-version}. */
  public static String versionLabel(PodSecurityMode mode) {
    return PREFIX + mode.label() + "-version";
  }

  public static boolean isLevel(String text) {
    return text != null && LEVELS.contains(text);
  }

  public static boolean isVersion(String text) {
    return text != null && (LATEST.equals(text) || VERSION.matcher(text).matches());
  }

  /**
   * Checks a level.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static String requireLevel(String text) {
    if (!isLevel(text)) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a level (must be one of privileged, baseline, restricted)");
    }
    return text;
  }

  /**
   * Checks a version.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static String requireVersion(String text) {
    if (!isVersion(text)) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a version (must be \"latest\" or \"v1.<minor>\", e.g. v1.30)");
    }
    return text;
  }

  /**
   * Compares two valid levels by strictness: negative when {@code a} is less strict than {@code b},
   * zero when equal, positive when stricter.
   */
  public static int compareLevels(String a, String b) {
    return Integer.compare(LEVELS.indexOf(requireLevel(a)), LEVELS.indexOf(requireLevel(b)));
  }
}
