package io.palisade.correlation.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MITRE ATT&CK tactics as Palisade writes them ({@code "TA0002 Execution"}) and the mapping from
 * Falco rule tags.
 */
final class Attack {

  static final String EXECUTION = "TA0002 Execution";
  static final String PERSISTENCE = "TA0003 Persistence";
  static final String PRIVILEGE_ESCALATION = "TA0004 Privilege Escalation";

  /** Tactics by id, for Falco tags that name the tactic by id (e.g. {@code TA0003}). */
  private static final Map<String, String> TACTICS_BY_ID =
      Map.ofEntries(
          Map.entry("TA0001", "TA0001 Initial Access"),
          Map.entry("TA0002", EXECUTION),
          Map.entry("TA0003", PERSISTENCE),
          Map.entry("TA0004", PRIVILEGE_ESCALATION),
          Map.entry("TA0005", "TA0005 Defense Evasion"),
          Map.entry("TA0006", "TA0006 Credential Access"),
          Map.entry("TA0007", "TA0007 Discovery"),
          Map.entry("TA0008", "TA0008 Lateral Movement"),
          Map.entry("TA0009", "TA0009 Collection"),
          Map.entry("TA0010", "TA0010 Exfiltration"),
          Map.entry("TA0011", "TA0011 Command and Control"),
          Map.entry("TA0040", "TA0040 Impact"));

  /** Falco's {@code mitre_*} tags. */
  private static final Map<String, String> FALCO_TACTIC_TAGS =
      Map.ofEntries(
          Map.entry("mitre_initial_access", "TA0001"),
          Map.entry("mitre_execution", "TA0002"),
          Map.entry("mitre_persistence", "TA0003"),
          Map.entry("mitre_privilege_escalation", "TA0004"),
          Map.entry("mitre_defense_evasion", "TA0005"),
          Map.entry("mitre_credential_access", "TA0006"),
          Map.entry("mitre_discovery", "TA0007"),
          Map.entry("mitre_lateral_movement", "TA0008"),
          Map.entry("mitre_collection", "TA0009"),
          Map.entry("mitre_exfiltration", "TA0010"),
          Map.entry("mitre_command_and_control", "TA0011"),
          Map.entry("mitre_impact", "TA0040"));

  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  private Attack() {}

  /** The first tactic named by the tags ({@code mitre_execution} or {@code TA0002}), if any. */
  static Optional<String> tacticOf(List<String> tags) {
    for (String tag : tags) {
      String id = FALCO_TACTIC_TAGS.getOrDefault(tag.toLowerCase(Locale.ROOT), tag);
      String tactic = TACTICS_BY_ID.get(id);
      if (tactic != null) {
        return Optional.of(tactic);
      }
    }
    return Optional.empty();
  }

  /** The technique ids among the tags, e.g. {@code T1059} or {@code T1552.001}, in tag order. */
  static List<String> techniquesOf(List<String> tags) {
    List<String> techniques = new ArrayList<>();
    for (String tag : tags) {
      if (TECHNIQUE.matcher(tag).matches() && !techniques.contains(tag)) {
        techniques.add(tag);
      }
    }
    return techniques;
  }
}
