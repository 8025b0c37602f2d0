package io.palisade.correlation.sigma;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated set of detection and correlation rules, loaded and checked together: every rule
 * compiles, ids and names are unique, and every correlation refers to detection rules of the set
 * (by {@code id} or {@code name}). Immutable; a new set replaces the old one as a whole.
 *
 * <p>For the stream it precomputes, per detection rule, whether its matches are signals of their
 * own (not when every correlation that refers to it says {@code generate: false}, the Sigma
 * default) and which correlations it feeds with which fields.
 */
public final class SigmaRuleSet {

  private final List<SigmaRule> detections;
  private final List<SigmaCorrelationRule> correlations;
  private final SigmaEngine engine;
  private final Map<SigmaRule, List<Reference>> references;
  private final Set<SigmaRule> standalone;
  private final Map<String, SigmaCorrelationRule> correlationsByKey;
  private final Map<String, SigmaRule> detectionsByKey;
  private final Map<SigmaCorrelationRule, List<SigmaRule>> referenced;

  /**
   * Where a detection rule feeds a correlation.
   *
   * @param correlation the correlation
   * @param position the rule's index in the correlation's {@code rules}
   * @param groupFields the fields of this rule's events that give the group-by values, in group-by
   *     order (aliases resolved)
   * @param valueField the field whose values a value_count counts (alias resolved), or null
   */
  public record Reference(
      SigmaCorrelationRule correlation, int position, List<String> groupFields, String valueField) {

    public Reference {
      groupFields = List.copyOf(groupFields);
    }
  }

  private SigmaRuleSet(List<SigmaRule> detections, List<SigmaCorrelationRule> correlations) {
    this.detections = List.copyOf(detections);
    this.correlations = List.copyOf(correlations);
    this.engine = SigmaEngine.of(this.detections);
    List<SigmaRuleException> errors = new ArrayList<>();
    Map<String, SigmaRule> byReference = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    for (SigmaRule rule : this.detections) {
      claim(keys, rule.id(), rule.source(), rule.label(), "id", errors);
      claim(keys, rule.name(), rule.source(), rule.label(), "name", errors);
      if (rule.id() != null) {
        byReference.putIfAbsent(rule.id(), rule);
      }
      if (rule.name() != null) {
        byReference.putIfAbsent(rule.name(), rule);
      }
    }
    Map<String, SigmaCorrelationRule> correlationReferences = new HashMap<>();
    for (SigmaCorrelationRule correlation : this.correlations) {
      claim(keys, correlation.id(), correlation.source(), correlation.label(), "id", errors);
      claim(keys, correlation.name(), correlation.source(), correlation.label(), "name", errors);
      if (correlation.id() != null) {
        correlationReferences.put(correlation.id(), correlation);
      }
      if (correlation.name() != null) {
        correlationReferences.put(correlation.name(), correlation);
      }
    }
    Map<SigmaRule, List<Reference>> referenceMap = new IdentityHashMap<>();
    Set<SigmaRule> silenced = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<SigmaRule> generated = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<String, SigmaCorrelationRule> byKey = new HashMap<>();
    Map<SigmaCorrelationRule, List<SigmaRule>> referencedRules = new IdentityHashMap<>();
    for (SigmaCorrelationRule correlation : this.correlations) {
      byKey.put(correlation.key(), correlation);
      List<SigmaRule> referenced = new ArrayList<>();
      for (String name : correlation.rules()) {
        SigmaRule rule = byReference.get(name);
        if (rule == null) {
          errors.add(
              new SigmaRuleException(
                  correlation.source(),
                  correlation.label(),
                  0,
                  correlationReferences.containsKey(name)
                      ? "refers to correlation rule '"
                          + name
                          + "': chained correlations are not supported; refer to detection"
                          + " rules"
                      : "refers to rule '" + name + "', which is not in the rule set"));
          continue;
        }
        if (referenced.contains(rule)) {
          errors.add(
              new SigmaRuleException(
                  correlation.source(),
                  correlation.label(),
                  0,
                  "refers to rule '" + name + "' twice"));
          continue;
        }
        referenced.add(rule);
      }
      referencedRules.put(correlation, List.copyOf(referenced));
      for (Map.Entry<String, Map<String, String>> alias : correlation.aliases().entrySet()) {
        for (String ruleName : alias.getValue().keySet()) {
          if (!referenced.contains(byReference.get(ruleName))) {
            errors.add(
                new SigmaRuleException(
                    correlation.source(),
                    correlation.label(),
                    0,
                    "alias '"
                        + alias.getKey()
                        + "' names rule '"
                        + ruleName
                        + "', which the correlation does not refer to"));
          }
        }
      }
      for (int position = 0; position < referenced.size(); position++) {
        SigmaRule rule = referenced.get(position);
        List<String> groupFields =
            correlation.groupBy().stream().map(name -> correlation.fieldFor(name, rule)).toList();
        String valueField =
            correlation.valueField() == null
                ? null
                : correlation.fieldFor(correlation.valueField(), rule);
        referenceMap
            .computeIfAbsent(rule, r -> new ArrayList<>())
            .add(new Reference(correlation, position, groupFields, valueField));
        (correlation.generate() ? generated : silenced).add(rule);
      }
    }
    if (!errors.isEmpty()) {
      throw new SigmaRuleSetException(errors);
    }
    this.references = referenceMap;
    Set<SigmaRule> standaloneRules = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SigmaRule rule : this.detections) {
      if (!silenced.contains(rule) || generated.contains(rule)) {
        standaloneRules.add(rule);
      }
    }
    this.standalone = standaloneRules;
    this.correlationsByKey = Map.copyOf(byKey);
    Map<String, SigmaRule> detectionKeys = new HashMap<>();
    for (SigmaRule rule : this.detections) {
      detectionKeys.putIfAbsent(rule.key(), rule);
    }
    this.detectionsByKey = detectionKeys;
    this.referenced = referencedRules;
  }

  private static void claim(
      Map<String, String> keys,
      String key,
      String source,
      String label,
      String what,
      List<SigmaRuleException> errors) {
    if (key == null) {
      return;
    }
    String earlier = keys.putIfAbsent(key, source);
    if (earlier != null) {
      errors.add(
          new SigmaRuleException(
              source, label, 0, "duplicate " + what + " '" + key + "': also used in " + earlier));
    }
  }

  /** The empty set: no rule, nothing matches. */
  public static SigmaRuleSet empty() {
    return new SigmaRuleSet(List.of(), List.of());
  }

  /** A set of already loaded rules, checked together. */
  public static SigmaRuleSet of(
      List<SigmaRule> detections, List<SigmaCorrelationRule> correlations) {
    return new SigmaRuleSet(detections, correlations);
  }

  /**
   * Loads and checks every file; throws one {@link SigmaRuleSetException} listing every refused
   * rule of every file, so that a bad set is refused as a whole.
   */
  public static SigmaRuleSet load(List<RuleFile> files) {
    List<SigmaRule> detections = new ArrayList<>();
    List<SigmaCorrelationRule> correlations = new ArrayList<>();
    List<SigmaRuleException> errors = new ArrayList<>();
    for (RuleFile file : files) {
      try {
        SigmaRuleLoader.LoadedRules loaded = SigmaRuleLoader.loadAll(file.text(), file.source());
        detections.addAll(loaded.detections());
        correlations.addAll(loaded.correlations());
      } catch (SigmaRuleException e) {
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw new SigmaRuleSetException(errors);
    }
    return new SigmaRuleSet(detections, correlations);
  }

  public List<SigmaRule> detections() {
    return detections;
  }

  public List<SigmaCorrelationRule> correlations() {
    return correlations;
  }

  /** The single-event matcher over the detection rules. */
  public SigmaEngine engine() {
    return engine;
  }

  /** Whether the rule's matches become signals of their own (see the class comment). */
  public boolean standalone(SigmaRule rule) {
    return standalone.contains(rule);
  }

  /** The correlations the rule feeds; empty for most rules. */
  public List<Reference> references(SigmaRule rule) {
    return references.getOrDefault(rule, List.of());
  }

  /** Every field the rule's events must give to its correlations (group-by and counted fields). */
  public Set<String> correlationFields(SigmaRule rule) {
    Set<String> fields = new LinkedHashSet<>();
    for (Reference reference : references(rule)) {
      fields.addAll(reference.groupFields());
      if (reference.valueField() != null) {
        fields.add(reference.valueField());
      }
    }
    return fields;
  }

  /** The correlation rule with this {@link SigmaCorrelationRule#key()}, or null. */
  public SigmaCorrelationRule correlation(String key) {
    return correlationsByKey.get(key);
  }

  /** The detection rule with this {@link SigmaRule#key()}, or null. */
  public SigmaRule detection(String key) {
    return detectionsByKey.get(key);
  }

  /** The detection rules a correlation refers to, in its {@code rules} order. */
  public List<SigmaRule> referenced(SigmaCorrelationRule correlation) {
    return referenced.getOrDefault(correlation, List.of());
  }

  /** The number of detection and correlation rules. */
  public int size() {
    return detections.size() + correlations.size();
  }
}
