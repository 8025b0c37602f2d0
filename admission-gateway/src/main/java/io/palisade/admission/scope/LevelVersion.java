package io.palisade.admission.scope;

import java.util.Objects;

/**
 * A Pod Security level and policy version, as PSA writes them: {@code restricted:v1.30}. Both are
 * plain strings whose syntax is checked here ({@link PodSecurityLabels}); the Pod Security engine
 * turns them into its own types.
 *
 * @param level {@code privileged}, {@code baseline} or {@code restricted}
 * @param version {@code latest} or {@code v1.<minor>}
 */
public record LevelVersion(String level, String version) {

  public static final LevelVersion PRIVILEGED_LATEST =
      new LevelVersion(PodSecurityLabels.PRIVILEGED, PodSecurityLabels.LATEST);
  public static final LevelVersion BASELINE_LATEST =
      new LevelVersion(PodSecurityLabels.BASELINE, PodSecurityLabels.LATEST);
  public static final LevelVersion RESTRICTED_LATEST =
      new LevelVersion(PodSecurityLabels.RESTRICTED, PodSecurityLabels.LATEST);

  /**
   * @throws IllegalArgumentException when the level or the version is not valid
   */
  public LevelVersion {
    PodSecurityLabels.requireLevel(Objects.requireNonNull(level, "level"));
    PodSecurityLabels.requireVersion(Objects.requireNonNull(version, "version"));
  }

  /**
   * Parses {@code level:version}, or a bare level meaning {@code level:latest}.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static LevelVersion parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new LevelVersion(text, PodSecurityLabels.LATEST);
    }
    return new LevelVersion(text.substring(0, colon), text.substring(colon + 1));
  }

  public boolean isPrivileged() {
    return PodSecurityLabels.PRIVILEGED.equals(level);
  }

  /** {@code level:version}, the form PSA uses in messages and audit annotations. */
  @Override
  public String toString() {
    return level + ":" + version;
  }
}
