package io.palisade.schemas;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * MITRE ATT&CK in Falco rule tags: techniques ({@code T1059}, {@code T1552.001}) and tactics,
 * either as Falco's {@code mitre_*} tags or as raw ids ({@code TA0003}). Tactics are written as
 * Palisade writes them everywhere ({@code "TA0002 Execution"}). Both lists are sorted, so they do
 * not depend on tag order (Falcosidekick sorts tags, Falco does not). The runtime ingester puts
 * them on every {@code RuntimeAlert}; the correlation engine reads them from there.
 */
public final class AttackTags {

  public static final String EXECUTION = "TA0002 Execution";
  public static final String PERSISTENCE = "TA0003 Persistence";
  public static final String PRIVILEGE_ESCALATION = "TA0004 Privilege Escalation";

  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern TACTIC_ID = Pattern.compile("TA\\d{4}");

  private static final Map<String, String> TACTICS_BY_ID =
      Map.ofEntries(
          Map.entry("TA0043", "TA0043 Reconnaissance"),
          Map.entry("TA0042", "TA0042 Resource Development"),
          Map.entry("TA0001", "TA0001 Initial Access"),
          Map.entry("TA0002", EXECUTION),
          Map.entry("TA0003", PERSISTENCE),
          Map.entry("TA0004", PRIVILEGE_ESCALATION),
          Map.entry("TA0005", "TA0005 Defense Evasion"),
          Map.entry("TA0006", "TA0006 Credential Access"),
          Map.entry("TA0007", "TA0007 Discovery"),
          Map.entry("TA0008", "TA0008 Lateral Movement"),
          Map.entry("TA0009", "TA0009 Collection"),
          Map.entry("TA0011", "TA0011 Command and Control"),
          Map.entry("TA0010", "TA0010 Exfiltration"),
          Map.entry("TA0040", "TA0040 Impact"));

  private static final Map<String, String> FALCO_TACTIC_TAGS =
      Map.ofEntries(
          Map.entry("mitre_reconnaissance", "TA0043"),
          Map.entry("mitre_resource_development", "TA0042"),
          Map.entry("mitre_initial_access", "TA0001"),
          Map.entry("mitre_execution", "TA0002"),
          Map.entry("mitre_persistence", "TA0003"),
          Map.entry("mitre_privilege_escalation", "TA0004"),
          Map.entry("mitre_defense_evasion", "TA0005"),
          Map.entry("mitre_credential_access", "TA0006"),
          Map.entry("mitre_discovery", "TA0007"),
          Map.entry("mitre_lateral_movement", "TA0008"),
          Map.entry("mitre_collection", "TA0009"),
          Map.entry("mitre_command_and_control", "TA0011"),
          Map.entry("mitre_exfiltration", "TA0010"),
          Map.entry("mitre_impact", "TA0040"));

  private AttackTags() {}

  /** The technique ids among the tags, upper-case, without duplicates, sorted. */
  public static List<String> techniquesOf(List<String> tags) {
    SortedSet<String> techniques = new TreeSet<>();
    for (String tag : tags) {
      String upper = tag.trim().toUpperCase(Locale.ROOT);
      if (TECHNIQUE.matcher(upper).matches()) {
        techniques.add(upper);
      }
    }
    return List.copyOf(techniques);
  }

  /**
   * The tactics the tags name, as {@code "TA0002 Execution"}, without duplicates, sorted. A raw id
   * that is not an enterprise tactic is kept as the bare id rather than dropped.
   */
  public static List<String> tacticsOf(List<String> tags) {
    SortedSet<String> tactics = new TreeSet<>();
    for (String tag : tags) {
      String trimmed = tag.trim();
      String id = FALCO_TACTIC_TAGS.get(trimmed.toLowerCase(Locale.ROOT));
      if (id == null && TACTIC_ID.matcher(trimmed.toUpperCase(Locale.ROOT)).matches()) {
        id = trimmed.toUpperCase(Locale.ROOT);
      }
      if (id != null) {
        tactics.add(TACTICS_BY_ID.getOrDefault(id, id));
      }
    }
    return List.copyOf(tactics);
  }
}
