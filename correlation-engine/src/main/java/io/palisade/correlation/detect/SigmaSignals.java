package io.palisade.correlation.detect;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.sigma.SigmaCorrelationRule;
import io.palisade.correlation.sigma.SigmaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the signals of Sigma matches, aggregated repeats and correlations. */
final class SigmaSignals {

  /**
   * Group-by fields whose values name an entity. Other group-by fields still group, they just do
   * not become entities.
   */
  static final Map<String, EntityKind> FIELD_KINDS =
      Map.ofEntries(
          Map.entry("user.username", EntityKind.ACTOR),
          Map.entry("impersonatedUser.username", EntityKind.ACTOR),
          Map.entry("output_fields.ka.user.name", EntityKind.ACTOR),
          Map.entry("objectRef.namespace", EntityKind.NAMESPACE),
          Map.entry("namespace", EntityKind.NAMESPACE),
          Map.entry("output_fields.k8s.ns.name", EntityKind.NAMESPACE),
          Map.entry("output_fields.ka.target.namespace", EntityKind.NAMESPACE),
          Map.entry("sourceIPs", EntityKind.SOURCE_IP),
          Map.entry("hostname", EntityKind.NODE),
          Map.entry("output_fields.container.image.repository", EntityKind.IMAGE),
          Map.entry("output_fields.container.id", EntityKind.CONTAINER));

  private SigmaSignals() {}

  /** Sigma {@code level} → severity; a rule without a level is MEDIUM. */
  static Severity severity(String level) {
    if (level == null) {
      return Severity.MEDIUM;
    }
    return switch (level) {
      case "informational" -> Severity.INFO;
      case "low" -> Severity.LOW;
      case "high" -> Severity.HIGH;
      case "critical" -> Severity.CRITICAL;
      default -> Severity.MEDIUM;
    };
  }

  /** The signal of one detection rule matching one evidence record. */
  static Signal match(SigmaRule rule, EvidenceFacts facts, List<Entity> entities, String summary) {
    return Signal.newBuilder()
        .setId(SignalIds.of(rule.key(), facts.signalKey()))
        .setCluster(facts.cluster())
        .setEventTime(facts.eventTime())
        .setIngestTime(facts.ingestTime())
        .setRuleId(rule.key())
        .setTitle(rule.title())
        .setDescription(rule.description() == null ? "" : rule.description().strip())
        .setSeverity(severity(rule.level()))
        .setTactic(rule.tactics().isEmpty() ? null : rule.tactics().get(0))
        .setTechniques(rule.techniques())
        .setEntities(entities.stream().distinct().toList())
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(facts.source())
                .setTopic(facts.topic())
                .setId(facts.id())
                .setSummary(summary)
                .build())
        .build();
  }

  /** The follow-up signal of repeats held back after the first match of a window. */
  static Signal repeats(Signal last, RepeatState state, String entityKey) {
    return Signal.newBuilder(last)
        .setId(
            SignalIds.of(
                last.getRuleId(),
                "repeats\n" + last.getCluster() + "\n" + entityKey + "\n" + state.windowStart()))
        .setCount(state.repeats())
        .setEvidenceIds(state.evidenceIds())
        .setDescription(
            state.repeats()
                + " more match(es) since "
                + Instant.ofEpochMilli(state.windowStart())
                + (last.getDescription().isEmpty() ? "" : ". " + last.getDescription()))
        .build();
  }

  /** The signal of a correlation rule firing on a window of one group's matches. */
  static Signal correlation(
      SigmaCorrelationRule rule,
      List<SigmaRule> referenced,
      CorrelationGroup group,
      List<CorrelationEntry> window,
      Map<EvidenceSource, String> topics,
      int evidenceCap) {
    CorrelationEntry first = window.get(0);
    CorrelationEntry last = window.get(window.size() - 1);
    long ingest = window.stream().mapToLong(CorrelationEntry::ingestTime).max().orElse(0);
    List<String> tactics = new ArrayList<>(rule.tactics());
    Set<String> techniques = new LinkedHashSet<>(rule.techniques());
    if (tactics.isEmpty() && techniques.isEmpty()) {
      for (SigmaRule base : referenced) {
        tactics.addAll(base.tactics());
        techniques.addAll(base.techniques());
      }
    }
    List<Entity> entities = new ArrayList<>();
    List<String> grouping = new ArrayList<>();
    for (int i = 0; i < rule.groupBy().size(); i++) {
      String name = rule.groupBy().get(i);
      String value = group.groupValues().get(i);
      grouping.add(name + "=" + value);
      EntityKind kind = kindOf(rule, name);
      if (kind == EntityKind.ACTOR) {
        entities.add(Entities.actor(value));
      } else if (kind != null) {
        entities.add(Entity.newBuilder().setKind(kind).setName(value).build());
      }
    }
    String summary =
        rule.type().sigmaName()
            + " "
            + CorrelationWindows.measure(rule, window)
            + (rule.condition() == null ? "" : " (" + rule.condition() + ")")
            + " within "
            + rule.timespan()
            + (grouping.isEmpty() ? "" : " for " + String.join(", ", grouping));
    return Signal.newBuilder()
        .setId(
            SignalIds.of(
                rule.key(),
                "correlation\n"
                    + group.cluster()
                    + "\n"
                    + String.join("\n", group.groupValues())
                    + "\n"
                    + first.evidenceId()
                    + "\n"
                    + first.time()))
        .setCluster(group.cluster())
        .setEventTime(Instant.ofEpochMilli(last.time()))
        .setIngestTime(Instant.ofEpochMilli(ingest))
        .setRuleId(rule.key())
        .setTitle(rule.title())
        .setDescription(rule.description() == null ? "" : rule.description().strip())
        .setSeverity(severity(rule.level()))
        .setTactic(tactics.isEmpty() ? null : tactics.stream().sorted().findFirst().get())
        .setTechniques(techniques.stream().sorted().toList())
        .setEntities(entities.stream().distinct().toList())
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(last.source())
                .setTopic(topics.getOrDefault(last.source(), ""))
                .setId(last.evidenceId())
                .setSummary(summary)
                .build())
        .setEvidenceIds(
            window.stream()
                .map(CorrelationEntry::evidenceId)
                .distinct()
                .limit(evidenceCap)
                .toList())
        .build();
  }

  private static EntityKind kindOf(SigmaCorrelationRule rule, String name) {
    EntityKind kind = FIELD_KINDS.get(name);
    if (kind != null) {
      return kind;
    }
    Map<String, String> alias = rule.aliases().get(name);
    if (alias != null) {
      for (String field : alias.values()) {
        if (FIELD_KINDS.containsKey(field)) {
          return FIELD_KINDS.get(field);
        }
      }
    }
    return null;
  }
}
