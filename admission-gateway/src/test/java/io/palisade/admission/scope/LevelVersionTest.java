package io.palisade.admission.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LevelVersionTest {

  @Test
  void parsesLevelAndVersionAsPsaWritesThem() {
    assertThat(LevelVersion.parse("restricted:v1.30"))
        .isEqualTo(new LevelVersion("restricted", "v1.30"));
    assertThat(LevelVersion.parse("baseline")).isEqualTo(LevelVersion.BASELINE_LATEST);
    assertThat(LevelVersion.parse("privileged:latest").toString()).isEqualTo("privileged:latest");
  }

  @Test
  void acceptsOnlyPsaVersionSyntax() {
    assertThat(PodSecurityLabels.isVersion("v1.0")).isTrue();
    assertThat(PodSecurityLabels.isVersion("v1.37")).isTrue();
    assertThat(PodSecurityLabels.isVersion("v1.99")).isTrue();
    assertThat(PodSecurityLabels.isVersion("v1.01")).isFalse();
    assertThat(PodSecurityLabels.isVersion("v2.0")).isFalse();
    assertThat(PodSecurityLabels.isVersion("1.30")).isFalse();
    assertThat(PodSecurityLabels.isVersion("Latest")).isFalse();
    assertThat(PodSecurityLabels.isVersion(null)).isFalse();
  }

  @Test
  void rejectsInvalidValuesNamingThemAndTheAcceptedOnes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LevelVersion.parse("Restricted:latest"))
        .withMessage(
            "\"Restricted\" is not a level (must be one of privileged, baseline, restricted)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LevelVersion.parse("baseline:1.30"))
        .withMessage(
            "\"1.30\" is not a version (must be \"latest\" or \"v1.<minor>\", e.g. v1.30)");
  }

  @Test
  void comparesLevelsByStrictness() {
    assertThat(PodSecurityLabels.compareLevels("restricted", "baseline")).isPositive();
    assertThat(PodSecurityLabels.compareLevels("privileged", "baseline")).isNegative();
    assertThat(PodSecurityLabels.compareLevels("baseline", "baseline")).isZero();
  }

  @Test
  void namesTheLabelsOfEachMode() {
    assertThat(PodSecurityLabels.levelLabel(PodSecurityMode.AUDIT))
        .isEqualTo("pod-security.kubernetes.io/audit");
    assertThat(PodSecurityLabels.versionLabel(PodSecurityMode.WARN))
        .isEqualTo("pod-security.kubernetes.io/warn-version");
  }
}
