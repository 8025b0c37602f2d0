package io.palisade.admission.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Works out a namespace's {@link NamespaceSecurity} the way Pod Security Admission does, then
 * applies Palisade's per-namespace overrides from configuration.
 *
 * <ol>
 *   <li>Start from the cluster defaults.
 *   <li>Each {@code pod-security.kubernetes.io/<mode>} and {@code <mode>-version} label present on
 *       the namespace replaces that mode's level or version. A missing label keeps the default.
 *   <li>An invalid label is reported in {@link NamespaceSecurity#labelErrors()} and replaced as PSA
 *       does: an invalid enforce level becomes {@code restricted} (fail closed), an invalid audit
 *       or warn level becomes {@code privileged} (fail open), an invalid version becomes {@code
 *       latest}.
 *   <li>When the enforce level is set by a valid label, no warn level label is present and enforce
 *       is stricter than warn, warn takes the enforce level (and its version, unless a warn version
 *       label is present), so users see what enforce will deny.
 *   <li>Finally a namespace override from configuration replaces what it sets, whatever the labels
 *       say. Overrides win because the configuration file is owned by the platform team, while
 *       namespace labels can be changed by anyone allowed to update the namespace.
 * </ol>
 */
public final class NamespaceSecurityResolver {

  private final NamespaceSecurity defaults;
  private final Map<String, PodSecuritySettings> overrides;

  /**
   * @param defaults the cluster defaults, used where a namespace has no label
   * @param overrides per namespace name, what configuration imposes regardless of labels
   */
  public NamespaceSecurityResolver(
      NamespaceSecurity defaults, Map<String, PodSecuritySettings> overrides) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.overrides = Map.copyOf(overrides);
  }

  public NamespaceSecurity defaults() {
    return defaults;
  }

  /**
   * The levels in force in {@code namespace}.
   *
   * @param labels the namespace's labels; empty when unknown
   */
  public NamespaceSecurity resolve(String namespace, Map<String, String> labels) {
    NamespaceSecurity fromLabels = labels.isEmpty() ? defaults : fromLabels(labels);
    PodSecuritySettings override = overrides.get(namespace);
    if (override == null) {
      return fromLabels;
    }
    return new NamespaceSecurity(
        override.applyTo(PodSecurityMode.ENFORCE, fromLabels.enforce()),
        override.applyTo(PodSecurityMode.AUDIT, fromLabels.audit()),
        override.applyTo(PodSecurityMode.WARN, fromLabels.warn()),
        fromLabels.labelErrors());
  }

  private NamespaceSecurity fromLabels(Map<String, String> labels) {
    List<String> errors = new ArrayList<>();
    LevelVersion enforce = fromLabels(PodSecurityMode.ENFORCE, labels, errors);
    LevelVersion audit = fromLabels(PodSecurityMode.AUDIT, labels, errors);
    LevelVersion warn = fromLabels(PodSecurityMode.WARN, labels, errors);

    String enforceLevel = labels.get(PodSecurityLabels.levelLabel(PodSecurityMode.ENFORCE));
    boolean validEnforceLabel = PodSecurityLabels.isLevel(enforceLevel);
    boolean warnLevelLabel = labels.containsKey(PodSecurityLabels.levelLabel(PodSecurityMode.WARN));
    boolean warnVersionLabel =
        labels.containsKey(PodSecurityLabels.versionLabel(PodSecurityMode.WARN));
    if (validEnforceLabel
        && !warnLevelLabel
        && PodSecurityLabels.compareLevels(enforce.level(), warn.level()) > 0) {
      warn =
          new LevelVersion(enforce.level(), warnVersionLabel ? warn.version() : enforce.version());
    }
    return new NamespaceSecurity(enforce, audit, warn, errors);
  }

  private LevelVersion fromLabels(
      PodSecurityMode mode, Map<String, String> labels, List<String> errors) {
    LevelVersion base = defaults.forMode(mode);
    String level = base.level();
    String version = base.version();
    String levelLabel = PodSecurityLabels.levelLabel(mode);
    if (labels.containsKey(levelLabel)) {
      level = labels.get(levelLabel);
      if (!PodSecurityLabels.isLevel(level)) {
        errors.add(
            levelLabel + ": \"" + level + "\" must be one of privileged, baseline, restricted");
        level =
            mode == PodSecurityMode.ENFORCE
                ? PodSecurityLabels.RESTRICTED
                : PodSecurityLabels.PRIVILEGED;
      }
    }
    String versionLabel = PodSecurityLabels.versionLabel(mode);
    if (labels.containsKey(versionLabel)) {
      version = labels.get(versionLabel);
      if (!PodSecurityLabels.isVersion(version)) {
        errors.add(versionLabel + ": \"" + version + "\" must be \"latest\" or \"v1.x\"");
        version = PodSecurityLabels.LATEST;
      }
    }
    return new LevelVersion(level, version);
  }
}
