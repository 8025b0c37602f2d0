package io.palisade.admission.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceSecurityResolverTest {

  private static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  private static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";
  private static final String AUDIT = "pod-security.kubernetes.io/audit";
  private static final String WARN = "pod-security.kubernetes.io/warn";
  private static final String WARN_VERSION = "pod-security.kubernetes.io/warn-version";

  private static final NamespaceSecurity PRIVILEGED_DEFAULTS =
      NamespaceSecurity.of(
          LevelVersion.PRIVILEGED_LATEST,
          LevelVersion.PRIVILEGED_LATEST,
          LevelVersion.PRIVILEGED_LATEST);

  private final NamespaceSecurityResolver psaDefaults =
      new NamespaceSecurityResolver(PRIVILEGED_DEFAULTS, Map.of());

  @Test
  void namespaceWithoutLabelsGetsTheClusterDefaults() {
    NamespaceSecurity defaults =
        NamespaceSecurity.of(
            LevelVersion.parse("baseline:v1.30"),
            LevelVersion.RESTRICTED_LATEST,
            LevelVersion.parse("restricted:v1.29"));
    NamespaceSecurityResolver resolver = new NamespaceSecurityResolver(defaults, Map.of());

    assertThat(resolver.resolve("team-a", Map.of())).isEqualTo(defaults);
    assertThat(resolver.resolve("team-a", Map.of("app", "web"))).isEqualTo(defaults);
  }

  @Test
  void eachModeTakesItsLevelAndVersionFromItsOwnLabels() {
    NamespaceSecurity security =
        psaDefaults.resolve(
            "team-a",
            Map.of(
                ENFORCE, "baseline",
                ENFORCE_VERSION, "v1.25",
                AUDIT, "restricted",
                WARN, "restricted",
                WARN_VERSION, "v1.30"));

    assertThat(security.enforce()).isEqualTo(LevelVersion.parse("baseline:v1.25"));
    assertThat(security.audit()).isEqualTo(LevelVersion.RESTRICTED_LATEST);
    assertThat(security.warn()).isEqualTo(LevelVersion.parse("restricted:v1.30"));
    assertThat(security.labelErrors()).isEmpty();
  }

  @Test
  void versionLabelWithoutLevelLabelKeepsTheDefaultLevel() {
    NamespaceSecurity security =
        new NamespaceSecurityResolver(AdmissionPolicyFile.BUILT_IN_DEFAULTS, Map.of())
            .resolve("team-a", Map.of(ENFORCE_VERSION, "v1.20"));

    assertThat(security.enforce()).isEqualTo(LevelVersion.parse("baseline:v1.20"));
  }

  @Test
  void warnFollowsAStricterEnforceLabelWhenWarnIsNotLabelled() {
    NamespaceSecurity security =
        psaDefaults.resolve("team-a", Map.of(ENFORCE, "baseline", ENFORCE_VERSION, "v1.25"));

    assertThat(security.warn()).isEqualTo(LevelVersion.parse("baseline:v1.25"));
    assertThat(security.audit()).isEqualTo(LevelVersion.PRIVILEGED_LATEST);
  }

  @Test
  void warnFollowsTheEnforceLevelButKeepsItsOwnVersionLabel() {
    NamespaceSecurity security =
        psaDefaults.resolve(
            "team-a",
            Map.of(ENFORCE, "restricted", ENFORCE_VERSION, "v1.25", WARN_VERSION, "v1.30"));

    assertThat(security.warn()).isEqualTo(LevelVersion.parse("restricted:v1.30"));
  }

  @Test
  void warnDoesNotFollowEnforceWhenLabelledOrNotStricter() {
    assertThat(
            psaDefaults.resolve("team-a", Map.of(ENFORCE, "restricted", WARN, "baseline")).warn())
        .isEqualTo(LevelVersion.BASELINE_LATEST);

    NamespaceSecurityResolver strictWarn =
        new NamespaceSecurityResolver(
            NamespaceSecurity.of(
                LevelVersion.PRIVILEGED_LATEST,
                LevelVersion.PRIVILEGED_LATEST,
                LevelVersion.parse("restricted:v1.30")),
            Map.of());
    assertThat(strictWarn.resolve("team-a", Map.of(ENFORCE, "baseline")).warn())
        .isEqualTo(LevelVersion.parse("restricted:v1.30"));
  }

  @Test
  void invalidEnforceLevelFailsClosedToRestrictedAndIsReported() {
    NamespaceSecurity security = psaDefaults.resolve("team-a", Map.of(ENFORCE, "strict"));

    assertThat(security.enforce()).isEqualTo(LevelVersion.RESTRICTED_LATEST);
    // an invalid enforce label does not pull warn along (PSA only does that for a valid one)
    assertThat(security.warn()).isEqualTo(LevelVersion.PRIVILEGED_LATEST);
    assertThat(security.labelErrors())
        .containsExactly(
            "pod-security.kubernetes.io/enforce: \"strict\" must be one of privileged, baseline,"
                + " restricted");
  }

  @Test
  void emptyEnforceLabelIsInvalidToo() {
    assertThat(psaDefaults.resolve("team-a", Map.of(ENFORCE, "")).enforce().level())
        .isEqualTo("restricted");
  }

  @Test
  void invalidAuditAndWarnLevelsFailOpenToPrivileged() {
    NamespaceSecurityResolver strictDefaults =
        new NamespaceSecurityResolver(
            NamespaceSecurity.of(
                LevelVersion.RESTRICTED_LATEST,
                LevelVersion.RESTRICTED_LATEST,
                LevelVersion.RESTRICTED_LATEST),
            Map.of());

    NamespaceSecurity security =
        strictDefaults.resolve("team-a", Map.of(AUDIT, "Baseline", WARN, "all"));

    assertThat(security.audit().level()).isEqualTo("privileged");
    assertThat(security.warn().level()).isEqualTo("privileged");
    assertThat(security.enforce()).isEqualTo(LevelVersion.RESTRICTED_LATEST);
    assertThat(security.labelErrors()).hasSize(2);
  }

  @Test
  void invalidVersionBecomesLatestAndIsReported() {
    NamespaceSecurity security =
        psaDefaults.resolve("team-a", Map.of(ENFORCE, "baseline", ENFORCE_VERSION, "1.25"));

    assertThat(security.enforce()).isEqualTo(LevelVersion.BASELINE_LATEST);
    assertThat(security.labelErrors())
        .containsExactly(
            "pod-security.kubernetes.io/enforce-version: \"1.25\" must be \"latest\" or \"v1.x\"");
  }

  @Test
  void configuredOverrideWinsOverLabelsForWhatItSets() {
    NamespaceSecurityResolver resolver =
        new NamespaceSecurityResolver(
            PRIVILEGED_DEFAULTS,
            Map.of(
                "payments",
                new PodSecuritySettings("restricted", "v1.30", null, null, null, null)));

    NamespaceSecurity security =
        resolver.resolve("payments", Map.of(ENFORCE, "privileged", AUDIT, "baseline"));

    assertThat(security.enforce()).isEqualTo(LevelVersion.parse("restricted:v1.30"));
    assertThat(security.audit()).isEqualTo(LevelVersion.BASELINE_LATEST);
    assertThat(resolver.resolve("other", Map.of(ENFORCE, "privileged")).enforce())
        .isEqualTo(LevelVersion.PRIVILEGED_LATEST);
  }

  @Test
  void overrideOfOnlyTheVersionKeepsTheLabelledLevel() {
    NamespaceSecurityResolver resolver =
        new NamespaceSecurityResolver(
            PRIVILEGED_DEFAULTS,
            Map.of("legacy", new PodSecuritySettings(null, "v1.22", null, null, null, null)));

    assertThat(resolver.resolve("legacy", Map.of(ENFORCE, "baseline")).enforce())
        .isEqualTo(LevelVersion.parse("baseline:v1.22"));
  }

  @Test
  void overrideAppliesToANamespaceWithoutLabelsAndKeepsLabelErrors() {
    NamespaceSecurityResolver resolver =
        new NamespaceSecurityResolver(
            AdmissionPolicyFile.BUILT_IN_DEFAULTS,
            Map.of(
                "kube-system",
                new PodSecuritySettings(
                    "privileged", null, "privileged", null, "privileged", null)));

    assertThat(resolver.resolve("kube-system", Map.of()).fullyPrivileged()).isTrue();
    assertThat(resolver.resolve("kube-system", Map.of(WARN, "bogus")).labelErrors()).hasSize(1);
  }
}
