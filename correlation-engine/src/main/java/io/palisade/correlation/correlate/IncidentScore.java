package io.palisade.correlation.correlate;

import io.palisade.avro.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident's 0–100 risk score, the parts it is made of ({@code scoreFactors}) and the severity
 * that follows from it. The formula (documented in the module README, "Scoring"):
 *
 * <ul>
 *   <li>{@code severity}: the highest signal severity, LOW 20, MEDIUM 35, HIGH 50, CRITICAL 65;
 *   <li>{@code tactics}: 8 per distinct ATT&amp;CK tactic beyond the first, at most 24;
 *   <li>{@code sources}: 8 per distinct evidence source (audit, admission, runtime) beyond the
 *       first, at most 16;
 *   <li>{@code killChain}: 6 per step of the longest chain of tactics first seen in kill-chain
 *       order ({@link #KILL_CHAIN}), beyond its first tactic, at most 18;
 *   <li>{@code rules}: 4 per distinct rule beyond the first, at most 12;
 *   <li>{@code repeats}: each rule's repetitions add 1 per repeat but at most 2 per rule, and all
 *       rules' repeats at most 6: a rule firing 10,000 times counts once plus 2.
 * </ul>
 *
 * The score is the sum, at most 100. The severity is the highest of the highest signal severity and
 * the score's band (85+ CRITICAL, 65+ HIGH, 40+ MEDIUM, else LOW). One noisy HIGH rule alone thus
 * scores at most 52 and stays HIGH; corroboration from several sources, tactics and an ordered
 * chain is what makes an incident CRITICAL.
 */
record IncidentScore(int score, Severity severity, Map<String, Integer> factors) {

  static final int CRITICAL_FROM = 85;
  static final int HIGH_FROM = 65;
  static final int MEDIUM_FROM = 40;

  /**
   * The kill chain as scored: ATT&amp;CK's tactic order, except that Execution comes after
   * Privilege Escalation, Persistence and Defense Evasion (in a cluster, a shell is usually what
   * freshly granted rights are used for: TA0004 → TA0002 → TA0006 is a progressing attack).
   */
  static final List<String> KILL_CHAIN =
      List.of(
          "TA0043", // Reconnaissance
          "TA0042", // Resource Development
          "TA0001", // Initial Access
          "TA0004", // Privilege Escalation
          "TA0003", // Persistence
          "TA0005", // Defense Evasion
          "TA0002", // Execution
          "TA0006", // Credential Access
          "TA0007", // Discovery
          "TA0008", // Lateral Movement
          "TA0009", // Collection
          "TA0011", // Command and Control
          "TA0010", // Exfiltration
          "TA0040"); // Impact

  static IncidentScore of(
      Severity highest,
      Map<String, Instant> tacticFirstSeen,
      int sourceCount,
      Map<String, Integer> ruleCounts) {
    Map<String, Integer> factors = new LinkedHashMap<>();
    factors.put("severity", severityPoints(highest));
    factors.put("tactics", Math.min(24, 8 * Math.max(0, tacticFirstSeen.size() - 1)));
    factors.put("sources", Math.min(16, 8 * Math.max(0, sourceCount - 1)));
    factors.put("killChain", Math.min(18, 6 * Math.max(0, killChainLength(tacticFirstSeen) - 1)));
    factors.put("rules", Math.min(12, 4 * Math.max(0, ruleCounts.size() - 1)));
    int repeats = 0;
    for (int count : ruleCounts.values()) {
      repeats += Math.min(2, Math.max(0, count - 1));
    }
    factors.put("repeats", Math.min(6, repeats));
    int score = Math.min(100, factors.values().stream().mapToInt(Integer::intValue).sum());
    Severity band =
        score >= CRITICAL_FROM
            ? Severity.CRITICAL
            : score >= HIGH_FROM
                ? Severity.HIGH
                : score >= MEDIUM_FROM ? Severity.MEDIUM : Severity.LOW;
    return new IncidentScore(score, highest.compareTo(band) >= 0 ? highest : band, factors);
  }

  private static int severityPoints(Severity severity) {
    return switch (severity) {
      case LOW -> 20;
      case MEDIUM -> 35;
      case HIGH -> 50;
      case CRITICAL -> 65;
      default -> 0;
    };
  }

  /**
   * The longest run of tactics, taken in the order they were first seen (event time), whose
   * kill-chain positions increase. Tactics outside {@link #KILL_CHAIN} do not count.
   */
  static int killChainLength(Map<String, Instant> tacticFirstSeen) {
    List<Map.Entry<String, Instant>> seen = new ArrayList<>();
    tacticFirstSeen.entrySet().stream()
        .filter(entry -> KILL_CHAIN.contains(entry.getKey()))
        .sorted(
            Comparator.comparing(Map.Entry<String, Instant>::getValue)
                .thenComparing(entry -> KILL_CHAIN.indexOf(entry.getKey())))
        .forEach(seen::add);
    int[] longest = new int[seen.size()];
    int best = 0;
    for (int i = 0; i < seen.size(); i++) {
      longest[i] = 1;
      int position = KILL_CHAIN.indexOf(seen.get(i).getKey());
      for (int j = 0; j < i; j++) {
        if (KILL_CHAIN.indexOf(seen.get(j).getKey()) < position) {
          longest[i] = Math.max(longest[i], longest[j] + 1);
        }
      }
      best = Math.max(best, longest[i]);
    }
    return best;
  }

  /** The tactic id of a signal's tactic ({@code "TA0004 Privilege Escalation"} → TA0004). */
  static String tacticId(String tactic) {
    int space = tactic.indexOf(' ');
    return space < 0 ? tactic : tactic.substring(0, space);
  }
}
