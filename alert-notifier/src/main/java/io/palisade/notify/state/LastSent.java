package io.palisade.notify.state;

import io.palisade.avro.Incident;
import io.palisade.avro.Severity;
import io.palisade.avro.SignalSummary;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What was last sent about one incident to one receiver: enough to tell whether a later version
 * changes anything a human cares about. Stored as JSON in the compacted notification-state topic,
 * key {@code <incident id>/<receiver>}.
 *
 * @param version the incident version sent
 * @param status its status then (OPEN, RESOLVED, MERGED)
 * @param severity its severity then
 * @param tactics its ATT&amp;CK tactics then
 * @param rules the rule ids of its signals then (the storyline so far)
 * @param sentAt when it was delivered
 * @param incident the version sent, as Avro bytes on the incidents topic (base64), for reminders;
 *     null when not kept
 */
public record LastSent(
    long version,
    String status,
    Severity severity,
    List<String> tactics,
    List<String> rules,
    Instant sentAt,
    String incident) {

  public LastSent {
    tactics = List.copyOf(tactics);
    rules = List.copyOf(rules);
  }

  public static LastSent of(Incident incident, Instant sentAt) {
    return of(incident, sentAt, null);
  }

  /** What was sent, keeping the version's bytes (as read from the topic) for reminders. */
  public static LastSent of(Incident incident, Instant sentAt, byte[] avro) {
    return new LastSent(
        incident.getVersion(),
        incident.getStatus().name(),
        incident.getSeverity(),
        List.copyOf(new TreeSet<>(incident.getTactics())),
        List.copyOf(rulesOf(incident)),
        sentAt,
        avro == null ? null : java.util.Base64.getEncoder().encodeToString(avro));
  }

  /** The version sent, as Avro bytes; empty when not kept. */
  public java.util.Optional<byte[]> incidentBytes() {
    return java.util.Optional.ofNullable(incident).map(java.util.Base64.getDecoder()::decode);
  }

  /** The same, sent again at {@code at} (a reminder). */
  public LastSent resentAt(Instant at) {
    return new LastSent(version, status, severity, tactics, rules, at, incident);
  }

  static Set<String> rulesOf(Incident incident) {
    Set<String> rules = new TreeSet<>();
    for (SignalSummary signal : incident.getSignals()) {
      rules.add(signal.getRuleId());
    }
    return rules;
  }

  public boolean closed() {
    return !"OPEN".equals(status);
  }
}
