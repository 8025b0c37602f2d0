package io.palisade.admission.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyModesTest {

  private final PolicyModes modes =
      new PolicyModes(
          PolicyMode.AUDIT,
          Map.of("palisade:image-tag", PolicyMode.ENFORCE),
          Map.of(
              "palisade:image-tag", Map.of("sandbox", PolicyMode.WARN),
              "palisade:required-labels", Map.of("payments", PolicyMode.ENFORCE)));

  @Test
  void namespaceModeWinsOverPolicyModeWhichWinsOverTheDefault() {
    assertThat(modes.modeFor("palisade:image-tag", "sandbox")).isEqualTo(PolicyMode.WARN);
    assertThat(modes.modeFor("palisade:image-tag", "team-a")).isEqualTo(PolicyMode.ENFORCE);
    assertThat(modes.modeFor("palisade:required-labels", "payments")).isEqualTo(PolicyMode.ENFORCE);
    assertThat(modes.modeFor("palisade:required-labels", "team-a")).isEqualTo(PolicyMode.AUDIT);
    assertThat(modes.modeFor("palisade:service-type", "")).isEqualTo(PolicyMode.AUDIT);
  }

  @Test
  void parsesModesAsWrittenInConfiguration() {
    assertThat(PolicyMode.parse("off")).isEqualTo(PolicyMode.OFF);
    assertThat(PolicyMode.parse("enforce")).isEqualTo(PolicyMode.ENFORCE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PolicyMode.parse("deny"))
        .withMessage("\"deny\" is not a mode (must be one of off, audit, warn, enforce)");
  }
}
