package io.palisade.correlation.detect;

import io.palisade.avro.EvidenceSource;
import java.util.List;
import java.util.Map;

/**
 * One Sigma detection rule matching one evidence record, as it travels from the stateless matching
 * step to the stateful aggregation and correlation step (through a repartition topic keyed by
 * cluster, as JSON: internal, not a contract).
 *
 * @param cluster the evidence's cluster (the record key)
 * @param ruleKey the matching rule's id (else title); null for a time mark
 * @param eventTime the evidence's event time, epoch ms
 * @param ingestTime the evidence's ingest time, epoch ms
 * @param source which evidence topic
 * @param evidenceId the evidence record's id
 * @param evidenceKey what identifies the evidence across its records (the audit ID for audit
 *     events, whose stages are separate records), so a request counts once in correlations
 * @param signal the match's own signal (Avro single-object encoding), or null when the rule only
 *     feeds correlations ({@code generate: false})
 * @param entityKey the signal's entities in a canonical order, for aggregating repeats
 * @param fields the values correlations group and count by: field name → first value
 */
public record SigmaMatch(
    String cluster,
    String ruleKey,
    long eventTime,
    long ingestTime,
    EvidenceSource source,
    String evidenceId,
    String evidenceKey,
    byte[] signal,
    String entityKey,
    Map<String, String> fields) {

  public SigmaMatch {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  /** A match of no rule that only carries event time forward (see SigmaDetector). */
  static SigmaMatch timeMark(String cluster, long eventTime) {
    return new SigmaMatch(cluster, null, eventTime, eventTime, null, null, null, null, null, null);
  }

  /** Whether this is a time mark rather than a match. */
  boolean isTimeMark() {
    return ruleKey == null;
  }

  /** Entities as {@code KIND=name}, sorted and joined: equal for equal entity sets. */
  static String entityKey(List<io.palisade.avro.Entity> entities) {
    return String.join(
        "\n",
        entities.stream()
            .map(entity -> entity.getKind() + "=" + entity.getName())
            .distinct()
            .sorted()
            .toList());
  }
}
