package io.palisade.correlation.sigma;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded and compiled Sigma detection rule.
 *
 * @param source the file (or name) it was loaded from
 * @param title mandatory title
 * @param id the rule's {@code id}, or null
 * @param name the rule's {@code name} (how correlation rules may refer to it), or null
 * @param status {@code stable}, {@code test}, {@code experimental}, {@code deprecated}, {@code
 *     unsupported}, or null
 * @param level {@code informational}, {@code low}, {@code medium}, {@code high}, {@code critical},
 *     or null
 * @param tags the tags as written
 * @param tactics ATT&CK tactics named by {@code attack.<tactic>} tags, as {@code "TA0002
 *     Execution"}, sorted
 * @param techniques ATT&CK technique ids named by {@code attack.tNNNN[.NNN]} tags, upper-case,
 *     sorted
 * @param logsource the Palisade source its {@code logsource} selects
 * @param logsourceFields the {@code logsource} map as written
 * @param conditionText the {@code condition} as written (alternatives of a list joined by {@code
 *     or})
 */
public record SigmaRule(
    String source,
    String title,
    String id,
    String name,
    String status,
    String level,
    String description,
    List<String> tags,
    List<String> tactics,
    List<String> techniques,
    SigmaLogsource logsource,
    Map<String, String> logsourceFields,
    List<String> falsepositives,
    String conditionText,
    ConditionNode condition,
    Map<String, Selection> selections) {

  public SigmaRule {
    tags = List.copyOf(tags);
    tactics = List.copyOf(tactics);
    techniques = List.copyOf(techniques);
    logsourceFields = Map.copyOf(logsourceFields);
    falsepositives = List.copyOf(falsepositives);
    selections = Collections.unmodifiableMap(new LinkedHashMap<>(selections));
  }

  /** Whether the event satisfies the rule's condition. */
  public boolean matches(SigmaEvent event) {
    return condition.evaluate(event);
  }

  /** The rule's id when it has one, its title otherwise. */
  public String key() {
    return id != null ? id : title;
  }

  /** Title and id, for messages. */
  public String label() {
    return "'" + title + "'" + (id != null ? " (" + id + ")" : "");
  }
}
