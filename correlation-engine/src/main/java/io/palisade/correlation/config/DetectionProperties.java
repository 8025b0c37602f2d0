package io.palisade.correlation.config;

import io.palisade.correlation.detect.AllowList;
import io.palisade.correlation.detect.DetectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code palisade.detection.*}: where Sigma rules come from besides the built-in pack, how often
 * they are re-read, how repeats and correlations are timed, and the allow-lists.
 *
 * @param ruleDirs directories of Sigma rules ({@code *.yml}, {@code *.yaml}, recursively), loaded
 *     with the built-in pack as one set
 * @param reloadInterval how often the directories are checked for changes (default 30 s; 0 = never)
 * @param repeatWindow identical matches within this window are aggregated (default 60 s)
 * @param grace how late a match may arrive and still count for correlations (default 30 s)
 * @param evidenceCap evidence ids kept on an aggregated or correlation signal (default 20)
 * @param allow allow-lists
 * @param disabledJavaRules ids of hand-written Java rules not to run; an unknown id stops the
 *     start. Unset means {@link #REPLACED_BY_THE_PACK}: the built-in Sigma pack detects the same
 *     evidence one for one, and both would put the same finding twice into an incident. An empty
 *     list runs them all (e.g. with a rule directory that replaces the pack).
 */
@ConfigurationProperties("palisade.detection")
public record DetectionProperties(
    List<Path> ruleDirs,
    Duration reloadInterval,
    Duration repeatWindow,
    Duration grace,
    Integer evidenceCap,
    Allow allow,
    List<String> disabledJavaRules) {

  static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);

  /** The Java rules the built-in pack replaces, each by a rule of the same row and technique. */
  static final List<String> REPLACED_BY_THE_PACK =
      List.of(
          "audit.cluster-admin-binding",
          "audit.pod-exec",
          "audit.privileged-pod",
          "admission.privileged-pod",
          "runtime.falco-alert");

  /**
   * @param users user names, {@code *} wildcards (e.g. {@code system:serviceaccount:kube-system:*})
   * @param namespaces namespace names
   * @param images image references
   */
  public record Allow(List<String> users, List<String> namespaces, List<String> images) {}

  List<Path> directories() {
    return ruleDirs == null ? List.of() : ruleDirs;
  }

  List<String> disabledJava() {
    return disabledJavaRules == null ? REPLACED_BY_THE_PACK : disabledJavaRules;
  }

  Duration reload() {
    return reloadInterval == null ? DEFAULT_RELOAD_INTERVAL : reloadInterval;
  }

  DetectionSettings settings() {
    return new DetectionSettings(
        repeatWindow == null ? DetectionSettings.DEFAULT_REPEAT_WINDOW : repeatWindow,
        grace == null ? DetectionSettings.DEFAULT_GRACE : grace,
        evidenceCap == null ? DetectionSettings.DEFAULT_EVIDENCE_CAP : evidenceCap,
        allow == null
            ? AllowList.none()
            : new AllowList(allow.users(), allow.namespaces(), allow.images()));
  }
}
