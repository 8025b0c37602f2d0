package io.palisade.admission.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodSecurityVersionTest {

  @Test
  void parsesLatestAndMinorVersions() {
    assertThat(PodSecurityVersion.parse("latest")).isEqualTo(PodSecurityVersion.LATEST);
    assertThat(PodSecurityVersion.parse("v1.0").effectiveMinor()).isZero();
    assertThat(PodSecurityVersion.parse("v1.25")).isEqualTo(PodSecurityVersion.v1(25));
    assertThat(PodSecurityVersion.parse("v1.25")).hasToString("v1.25");
    assertThat(PodSecurityVersion.LATEST).hasToString("latest");
  }

  @Test
  void aVersionNewerThanTheEngineIsEvaluatedAsTheNewest() {
    PodSecurityVersion future = PodSecurityVersion.parse("v1.99");
    assertThat(future).hasToString("v1.99");
    assertThat(future.effectiveMinor()).isEqualTo(PodSecurityVersion.NEWEST_MINOR);
    assertThat(PodSecurityVersion.LATEST.effectiveMinor())
        .isEqualTo(PodSecurityVersion.NEWEST_MINOR);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "1.25", "v1.025", "v2.0", "v1.", "v1.-1", "Latest", "v1.25 "})
  void rejectsWhatPsaRejectsWithAClearMessage(String text) {
    assertThatThrownBy(() -> PodSecurityVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected latest or v1.<minor>");
  }

  @Test
  void parsesLevels() {
    assertThat(PodSecurityLevel.parse("restricted")).isEqualTo(PodSecurityLevel.RESTRICTED);
    assertThat(PodSecurityLevel.BASELINE).hasToString("baseline");
    assertThatThrownBy(() -> PodSecurityLevel.parse("Baseline"))
        .hasMessageContaining("expected privileged, baseline or restricted");
  }

  @Test
  void theEvaluatorRefusesInconsistentChecks() {
    PodSecurityCheck privileged = new PrivilegedCheck();
    assertThatThrownBy(() -> new PodSecurityEvaluator(List.of(privileged, new PrivilegedCheck())))
        .hasMessageContaining("duplicate Pod Security check id privileged");
    PodSecurityCheck baselineOverride =
        new PodSecurityCheck() {
          @Override
          public String id() {
            return "x";
          }

          @Override
          public PodSecurityLevel level() {
            return PodSecurityLevel.BASELINE;
          }

          @Override
          public List<PodSecurityVersion> versions() {
            return List.of(PodSecurityVersion.v1(0));
          }

          @Override
          public java.util.Set<String> overrides(PodSecurityVersion version) {
            return java.util.Set.of("privileged");
          }

          @Override
          public Optional<CheckFailure> check(PodSecurityVersion version, PodSpecView pod) {
            return Optional.empty();
          }
        };
    assertThatThrownBy(() -> new PodSecurityEvaluator(List.of(privileged, baselineOverride)))
        .hasMessageContaining("only a restricted check may override a baseline check");
  }

  @Test
  void everyUpstreamCheckIsRegisteredOnce() {
    assertThat(PodSecurityChecks.all())
        .extracting(PodSecurityCheck::id)
        .doesNotHaveDuplicates()
        .hasSize(19);
  }
}
