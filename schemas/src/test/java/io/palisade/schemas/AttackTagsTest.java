package io.palisade.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttackTagsTest {

  @ParameterizedTest
  @CsvSource({
    "mitre_reconnaissance, TA0043 Reconnaissance",
    "mitre_resource_development, TA0042 Resource Development",
    "mitre_initial_access, TA0001 Initial Access",
    "mitre_execution, TA0002 Execution",
    "mitre_persistence, TA0003 Persistence",
    "mitre_privilege_escalation, TA0004 Privilege Escalation",
    "mitre_defense_evasion, TA0005 Defense Evasion",
    "mitre_credential_access, TA0006 Credential Access",
    "mitre_discovery, TA0007 Discovery",
    "mitre_lateral_movement, TA0008 Lateral Movement",
    "mitre_collection, TA0009 Collection",
    "mitre_command_and_control, TA0011 Command and Control",
    "mitre_exfiltration, TA0010 Exfiltration",
    "mitre_impact, TA0040 Impact",
    "TA0003, TA0003 Persistence",
    "TA0011, TA0011 Command and Control",
    "MITRE_Execution, TA0002 Execution"
  })
  void namesTheTacticOfEachFalcoTacticTag(String tag, String tactic) {
    assertThat(AttackTags.tacticsOf(List.of("container", tag))).containsExactly(tactic);
  }

  @Test
  void keepsAnUnknownRawTacticIdRatherThanDroppingIt() {
    assertThat(AttackTags.tacticsOf(List.of("TA0099"))).containsExactly("TA0099");
  }

  @Test
  void listsEachTacticOnceSortedWhateverTheTagOrder() {
    List<String> tags =
        List.of("mitre_persistence", "TA0003", "process", "mitre_execution", "TA0002");

    assertThat(AttackTags.tacticsOf(tags))
        .containsExactly("TA0002 Execution", "TA0003 Persistence");
    assertThat(
            AttackTags.tacticsOf(
                List.of("TA0002", "mitre_execution", "process", "TA0003", "mitre_persistence")))
        .isEqualTo(AttackTags.tacticsOf(tags));
  }

  @Test
  void findsTechniquesAndSubTechniquesOnceSorted() {
    List<String> tags =
        List.of("T1555", "container", "T1552.001", "T1555", "maturity_stable", "T1059");

    assertThat(AttackTags.techniquesOf(tags)).containsExactly("T1059", "T1552.001", "T1555");
  }

  @Test
  void ignoresTagsThatOnlyLookLikeAttackIds() {
    List<String> tags =
        List.of("T105", "T10590", "T1059.01", "PCI_DSS_11.5.1", "mitre_everything", "TA00021");

    assertThat(AttackTags.techniquesOf(tags)).isEmpty();
    assertThat(AttackTags.tacticsOf(tags)).isEmpty();
  }
}
