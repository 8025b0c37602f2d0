package io.palisade.admission.scope;

/**
 * Levels and versions per mode as written in configuration, with the keys of PSA's {@code
 * PodSecurityConfiguration.defaults}: {@code enforce}, {@code enforce-version}, {@code audit},
 * {@code audit-version}, {@code warn}, {@code warn-version}. Any of them may be null (not set): the
 * cluster defaults fill the gaps with built-in values, a namespace override changes only what it
 * sets.
 */
public record PodSecuritySettings(
    String enforce,
    String enforceVersion,
    String audit,
    String auditVersion,
    String warn,
    String warnVersion) {

  /** Nothing set. */
  public static final PodSecuritySettings NONE =
      new PodSecuritySettings(null, null, null, null, null, null);

  /**
   * @throws IllegalArgumentException when a value that is set is not a valid level or version
   */
  public PodSecuritySettings {
    for (String level : new String[] {enforce, audit, warn}) {
      if (level != null) {
        PodSecurityLabels.requireLevel(level);
      }
    }
    for (String version : new String[] {enforceVersion, auditVersion, warnVersion}) {
      if (version != null) {
        PodSecurityLabels.requireVersion(version);
      }
    }
  }

  /** The level set for a mode, or null. */
  public String level(PodSecurityMode mode) {
    return switch (mode) {
      case ENFORCE -> enforce;
      case AUDIT -> audit;
      case WARN -> warn;
    };
  }

  /** The version set for a mode, or null. */
  public String version(PodSecurityMode mode) {
    return switch (mode) {
      case ENFORCE -> enforceVersion;
      case AUDIT -> auditVersion;
      case WARN -> warnVersion;
    };
  }

  /**
   * Complete cluster defaults: what is set here, the rest from {@code fallback}.
   *
   * @param fallback used for every mode, level or version that is not set here
   */
  public NamespaceSecurity completeWith(NamespaceSecurity fallback) {
    return NamespaceSecurity.of(
        applyTo(PodSecurityMode.ENFORCE, fallback.enforce()),
        applyTo(PodSecurityMode.AUDIT, fallback.audit()),
        applyTo(PodSecurityMode.WARN, fallback.warn()));
  }

  /** {@code current} with this mode's level and version replaced where they are set. */
  LevelVersion applyTo(PodSecurityMode mode, LevelVersion current) {
    String level = level(mode);
    String version = version(mode);
    if (level == null && version == null) {
      return current;
    }
    return new LevelVersion(
        level == null ? current.level() : level, version == null ? current.version() : version);
  }
}
