package io.palisade.admission.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionDetailsTest {

  @ParameterizedTest
  @ValueSource(strings = {"audit-violations", "enforce-policy", "a", "exempt_user.1", "A9"})
  void acceptsQualifiedNameKeys(String key) {
    assertThat(DecisionDetails.isValidAnnotationKey(key)).isTrue();
    assertThat(new DecisionDetails(true, Map.of(key, "v"), List.of(), null).auditAnnotations())
        .containsEntry(key, "v");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pod-security.kubernetes.io/audit-violations",
        "-leading",
        "trailing.",
        "has space",
        "",
        "k1234567890123456789012345678901234567890123456789012345678901234"
      })
  void refusesKeysTheApiServerWouldDrop(String key) {
    assertThat(DecisionDetails.isValidAnnotationKey(key)).isFalse();
    assertThatThrownBy(() -> new DecisionDetails(true, Map.of(key, "v"), List.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no '/'");
  }

  @Test
  void aKeyOfSixtyThreeCharactersIsTheLongestAccepted() {
    assertThat(DecisionDetails.isValidAnnotationKey("k".repeat(63))).isTrue();
    assertThat(DecisionDetails.isValidAnnotationKey("k".repeat(64))).isFalse();
  }

  @Test
  void theFourArgumentDecisionHasNoDetailsAndEqualsItsLongForm() {
    Decision plain = new Decision(true, List.of(), List.of(), null);

    assertThat(plain.details()).isEqualTo(DecisionDetails.NONE);
    assertThat(plain)
        .isEqualTo(new Decision(true, List.of(), List.of(), null, DecisionDetails.NONE));
    assertThat(Decision.notApplicable().details().applicable()).isFalse();
    assertThat(Decision.notApplicable().allowed()).isTrue();
  }

  @Test
  void theModeOfAViolationIsReadOffTheDecision() {
    Violation denied = new Violation("pss:privileged", "privileged", true);
    Violation warned = new Violation("palisade:image-tag", "no tag", false);
    Violation audited = new Violation("palisade:image-digest", "not pinned", false);
    Decision decision =
        new Decision(
            false,
            List.of(denied, warned, audited),
            List.of(),
            "denied",
            new DecisionDetails(true, Map.of(), List.of(audited), null));

    assertThat(AppliedMode.of(denied, decision)).isEqualTo(AppliedMode.ENFORCE);
    assertThat(AppliedMode.of(warned, decision)).isEqualTo(AppliedMode.WARN);
    assertThat(AppliedMode.of(audited, decision)).isEqualTo(AppliedMode.AUDIT);
    assertThat(AppliedMode.overall(decision)).isEqualTo(AppliedMode.ENFORCE);
    assertThat(AppliedMode.overall(decision.withDetails(DecisionDetails.NONE)))
        .isEqualTo(AppliedMode.ENFORCE);
    assertThat(AppliedMode.overall(new Decision(true, List.of(), List.of(), null))).isNull();
    assertThat(AppliedMode.AUDIT.label()).isEqualTo("audit");
  }
}
