package io.palisade.correlation.sigma;

import io.palisade.schemas.AttackTags;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Sigma detection rules (specification v2) from YAML and compiles them.
 *
 * <p>Every rule is checked completely before it is returned: a construct the engine cannot evaluate
 * (keyword searches, correlation rules, unknown or unsupported modifiers, a logsource Palisade does
 * not have, a condition that names no selection …) raises a {@link SigmaRuleException} naming the
 * file, the rule, the YAML line and the construct. The YAML is read as a node tree (never
 * constructed into objects), so line numbers come from the node marks and no YAML tag can
 * instantiate a class.
 */
public final class SigmaRuleLoader {

  private static final Set<String> LEVELS =
      Set.of("informational", "low", "medium", "high", "critical");
  private static final Set<String> STATUSES =
      Set.of("stable", "test", "experimental", "deprecated", "unsupported");
  private static final Pattern ATTACK_TECHNIQUE = Pattern.compile("t\\d{4}(\\.\\d{3})?");
  private static final Pattern ATTACK_OTHER = Pattern.compile("(g|s|ds|m|a)\\d{4}");

  /**
   * Sigma tactic tags ({@code attack.<name>}) to the ATT&CK tactic ids {@link AttackTags} names.
   */
  private static final Map<String, String> TACTICS =
      Map.ofEntries(
          Map.entry("reconnaissance", "TA0043"),
          Map.entry("resource-development", "TA0042"),
          Map.entry("initial-access", "TA0001"),
          Map.entry("execution", "TA0002"),
          Map.entry("persistence", "TA0003"),
          Map.entry("privilege-escalation", "TA0004"),
          Map.entry("defense-evasion", "TA0005"),
          // ATT&CK v18 renamed TA0005; SigmaHQ's rules now tag it attack.stealth
          Map.entry("stealth", "TA0005"),
          Map.entry("credential-access", "TA0006"),
          Map.entry("discovery", "TA0007"),
          Map.entry("lateral-movement", "TA0008"),
          Map.entry("collection", "TA0009"),
          Map.entry("exfiltration", "TA0010"),
          Map.entry("command-and-control", "TA0011"),
          Map.entry("impact", "TA0040"));

  private SigmaRuleLoader() {}

  /**
   * The detection rules of every {@code *.yml} and {@code *.yaml} file under {@code directory}, in
   * path order. Correlation rules in the directory are loaded and checked with the set (a bad one
   * refuses it) but not returned: use {@link SigmaRuleSet} to get them too.
   */
  public static List<SigmaRule> loadDirectory(Path directory) {
    return SigmaRuleSet.load(RuleFile.readDirectory(directory)).detections();
  }

  /** Loads the rules of one file (one per YAML document). */
  public static List<SigmaRule> loadFile(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(reader, file.toString());
    } catch (IOException e) {
      throw new SigmaRuleException(file.toString(), null, 0, "cannot read: " + e.getMessage());
    }
  }

  /** Loads the rules of one YAML text; {@code source} names it in errors. */
  public static List<SigmaRule> load(String yaml, String source) {
    return load(new StringReader(yaml), source);
  }

  private static List<SigmaRule> load(Reader reader, String source) {
    return read(reader, source, false).detections();
  }

  /**
   * Detection and correlation rules of one YAML text (one per document); {@code source} names it in
   * errors. Correlation references are checked by {@link SigmaRuleSet}, not here.
   */
  public static LoadedRules loadAll(String yaml, String source) {
    return read(new StringReader(yaml), source, true);
  }

  /** Detection and correlation rules read from YAML, in document order. */
  public record LoadedRules(List<SigmaRule> detections, List<SigmaCorrelationRule> correlations) {

    public LoadedRules {
      detections = List.copyOf(detections);
      correlations = List.copyOf(correlations);
    }
  }

  private static LoadedRules read(Reader reader, String source, boolean correlations) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaCorrelationRule> correlationRules = new ArrayList<>();
    try {
      for (Node document : yaml.composeAll(reader)) {
        if (document != null) {
          Object rule = new RuleReader(source, correlations).read(document);
          if (rule instanceof SigmaRule detection) {
            rules.add(detection);
          } else {
            correlationRules.add((SigmaCorrelationRule) rule);
          }
        }
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new SigmaRuleException(source, null, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new SigmaRuleException(source, null, 0, "not valid YAML: " + e.getMessage());
    }
    if (rules.isEmpty() && correlationRules.isEmpty()) {
      throw new SigmaRuleException(source, null, 0, "contains no rule");
    }
    return new LoadedRules(rules, correlationRules);
  }

  /** Reads one YAML document into a rule; one instance per document. */
  private static final class RuleReader {

    private final String source;
    private final boolean correlations;
    private String label;
    private SigmaLogsource logsource;

    RuleReader(String source, boolean correlations) {
      this.source = source;
      this.correlations = correlations;
    }

    /** A {@link SigmaRule} or, when allowed, a {@link SigmaCorrelationRule}. */
    Object read(Node document) {
      MappingNode top = mapping(document, "a rule");
      Map<String, NodeTuple> fields = keys(top);
      String title = optionalString(fields, "title");
      String id = optionalString(fields, "id");
      if (title != null) {
        label = "'" + title + "'" + (id != null ? " (" + id + ")" : "");
      } else if (id != null) {
        label = "(" + id + ")";
      }
      if (correlations && fields.containsKey("correlation")) {
        return new CorrelationReader(this).read(top, fields, title, id);
      }
      for (String refused : List.of("correlation", "action", "filter")) {
        if (fields.containsKey(refused)) {
          throw error(fields.get(refused).getKeyNode(), refusal(refused));
        }
      }
      if (title == null) {
        throw error(top, "'title' is mandatory");
      }
      String status = optionalString(fields, "status");
      if (status != null && !STATUSES.contains(status)) {
        throw error(
            fields.get("status").getValueNode(),
            "unknown status '" + status + "'; one of " + STATUSES);
      }
      String level = optionalString(fields, "level");
      if (level != null && !LEVELS.contains(level)) {
        throw error(
            fields.get("level").getValueNode(), "unknown level '" + level + "'; one of " + LEVELS);
      }
      List<String> tags = stringList(fields, "tags");
      List<String> sigmaTechniques = new ArrayList<>();
      List<String> falcoStyleTactics = new ArrayList<>();
      readAttackTags(fields, tags, sigmaTechniques, falcoStyleTactics);

      NodeTuple logsourceTuple = require(fields, "logsource", top);
      Map<String, String> logsourceFields = readLogsource(logsourceTuple.getValueNode());

      NodeTuple detectionTuple = require(fields, "detection", top);
      MappingNode detection = mapping(detectionTuple.getValueNode(), "'detection'");
      Map<String, NodeTuple> detectionKeys = keys(detection);
      if (detectionKeys.containsKey("timeframe")) {
        throw error(
            detectionKeys.get("timeframe").getKeyNode(),
            "'timeframe' (deprecated aggregation window) is not supported; correlation rules are not"
                + " evaluated by this engine");
      }
      NodeTuple conditionTuple = detectionKeys.get("condition");
      if (conditionTuple == null) {
        throw error(detection, "'detection' has no 'condition'");
      }
      Map<String, Selection> selections = new LinkedHashMap<>();
      for (NodeTuple tuple : detection.getValue()) {
        String name = scalarText(tuple.getKeyNode(), "a search identifier");
        if (!name.equals("condition")) {
          selections.put(name, readSelection(name, tuple.getValueNode()));
        }
      }
      if (selections.isEmpty()) {
        throw error(detection, "'detection' has no search identifier");
      }
      List<ScalarNode> conditionNodes = conditions(conditionTuple.getValueNode());
      List<ConditionNode> alternatives = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (ScalarNode conditionNode : conditionNodes) {
        try {
          alternatives.add(ConditionParser.parse(conditionNode.getValue(), selections));
          texts.add(conditionNode.getValue().trim());
        } catch (ConditionParser.ConditionException e) {
          throw error(
              conditionNode,
              "condition '"
                  + conditionNode.getValue().trim()
                  + "': "
                  + e.getMessage()
                  + " (at character "
                  + (e.position() + 1)
                  + ")");
        }
      }
      ConditionNode condition =
          alternatives.size() == 1 ? alternatives.get(0) : new ConditionNode.Or(alternatives);
      return new SigmaRule(
          source,
          title,
          id,
          optionalString(fields, "name"),
          status,
          level,
          optionalString(fields, "description"),
          tags,
          AttackTags.tacticsOf(falcoStyleTactics),
          AttackTags.techniquesOf(sigmaTechniques),
          logsource,
          logsourceFields,
          stringList(fields, "falsepositives"),
          String.join(" or ", texts),
          condition,
          selections);
    }

    private static String refusal(String key) {
      return switch (key) {
        case "correlation" ->
            "Sigma correlation rules (event_count, value_count, temporal …) are not supported by"
                + " single-rule loading; load the rule set (SigmaRuleSet) instead";
        case "action" -> "'action' (rule collections, deprecated in Sigma v2) is not supported";
        default -> "Sigma filters ('filter') are not supported; write the exclusion into the rule";
      };
    }

    private void readAttackTags(
        Map<String, NodeTuple> fields,
        List<String> tags,
        List<String> techniques,
        List<String> tactics) {
      for (int i = 0; i < tags.size(); i++) {
        String tag = tags.get(i).trim().toLowerCase(Locale.ROOT);
        if (!tag.startsWith("attack.")) {
          continue;
        }
        String name = tag.substring("attack.".length()).replace('_', '-');
        if (ATTACK_TECHNIQUE.matcher(name).matches()) {
          techniques.add(name);
        } else if (TACTICS.containsKey(name)) {
          tactics.add(TACTICS.get(name));
        } else if (!ATTACK_OTHER.matcher(name).matches()) {
          Node tagNode = ((SequenceNode) fields.get("tags").getValueNode()).getValue().get(i);
          throw error(
              tagNode,
              "unknown ATT&CK tag '"
                  + tags.get(i)
                  + "': neither a technique (attack.t1234[.001]) nor a"
                  + " tactic ("
                  + String.join(", ", new TreeSet<>(TACTICS.keySet()))
                  + ")");
        }
      }
    }

    private Map<String, String> readLogsource(Node node) {
      MappingNode mapping = mapping(node, "'logsource'");
      Map<String, String> values = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        values.put(
            scalarText(tuple.getKeyNode(), "a logsource key"),
            scalarText(tuple.getValueNode(), "a logsource value"));
      }
      String product = values.get("product");
      String service = values.get("service");
      String category = values.get("category");
      if (!"kubernetes".equals(product)) {
        throw error(
            node,
            "logsource product '"
                + product
                + "' is not supported; Palisade evaluates 'product: kubernetes'");
      }
      logsource = SigmaLogsource.ofService(service);
      if (logsource == null) {
        throw error(
            node,
            "logsource service '" + service + "' is not supported; one of audit, admission, falco");
      }
      if (category != null && !category.equals("application")) {
        throw error(
            node, "logsource category '" + category + "' is not supported with product kubernetes");
      }
      return values;
    }

    private Selection readSelection(String name, Node node) {
      int line = node.getStartMark().getLine() + 1;
      if (node instanceof MappingNode map) {
        return new Selection(name, line, List.of(readMap(map)));
      }
      if (node instanceof SequenceNode sequence) {
        List<List<FieldCondition>> alternatives = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          if (!(item instanceof MappingNode map)) {
            throw error(
                item,
                "search identifier '"
                    + name
                    + "' is a keyword list (full-text search), which is not"
                    + " supported for Kubernetes logsources: use field: value maps");
          }
          alternatives.add(readMap(map));
        }
        if (alternatives.isEmpty()) {
          throw error(node, "search identifier '" + name + "' is an empty list");
        }
        return new Selection(name, line, alternatives);
      }
      throw error(
          node,
          "search identifier '"
              + name
              + "' must be a map of fields or a list of maps; a single"
              + " keyword (full-text search) is not supported for Kubernetes logsources");
    }

    private List<FieldCondition> readMap(MappingNode map) {
      if (map.getValue().isEmpty()) {
        throw error(map, "a selection map must not be empty");
      }
      List<FieldCondition> conditions = new ArrayList<>();
      for (NodeTuple tuple : keys(map).values()) {
        String key = scalarText(tuple.getKeyNode(), "a field name");
        try {
          conditions.add(
              FieldConditionCompiler.compile(key, values(tuple.getValueNode()), logsource));
        } catch (FieldConditionCompiler.UnsupportedValueException e) {
          throw error(
              e.node() != null ? e.node() : tuple.getKeyNode(), "'" + key + "': " + e.getMessage());
        }
      }
      return conditions;
    }

    private List<ScalarNode> values(Node node) {
      if (node instanceof ScalarNode scalar) {
        return List.of(scalar);
      }
      if (node instanceof SequenceNode sequence) {
        List<ScalarNode> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          if (!(item instanceof ScalarNode scalar)) {
            throw error(item, "a field value must be a scalar or a list of scalars");
          }
          values.add(scalar);
        }
        if (values.isEmpty()) {
          throw error(node, "a field's value list must not be empty");
        }
        return values;
      }
      throw error(node, "a field value must be a scalar or a list of scalars, not a map");
    }

    private List<ScalarNode> conditions(Node node) {
      if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
        return List.of(scalar);
      }
      if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
        List<ScalarNode> conditions = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          conditions.addAll(conditions(item));
        }
        return conditions;
      }
      throw error(node, "'condition' must be a string or a list of strings");
    }

    private Map<String, NodeTuple> keys(MappingNode mapping) {
      Map<String, NodeTuple> keys = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = scalarText(tuple.getKeyNode(), "a key");
        if (key.equals("<<")) {
          throw error(tuple.getKeyNode(), "YAML merge keys ('<<') are not supported");
        }
        if (keys.put(key, tuple) != null) {
          throw error(tuple.getKeyNode(), "duplicate key '" + key + "'");
        }
      }
      return keys;
    }

    private MappingNode mapping(Node node, String what) {
      if (node instanceof MappingNode mapping) {
        return mapping;
      }
      throw error(node, what + " must be a map");
    }

    private String scalarText(Node node, String what) {
      if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
        return scalar.getValue();
      }
      throw error(node, what + " must be a non-null scalar");
    }

    private String optionalString(Map<String, NodeTuple> fields, String key) {
      NodeTuple tuple = fields.get(key);
      if (tuple == null || isNull(tuple.getValueNode())) {
        return null;
      }
      return scalarText(tuple.getValueNode(), "'" + key + "'");
    }

    private List<String> stringList(Map<String, NodeTuple> fields, String key) {
      NodeTuple tuple = fields.get(key);
      if (tuple == null || isNull(tuple.getValueNode())) {
        return List.of();
      }
      if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
        throw error(tuple.getValueNode(), "'" + key + "' must be a list");
      }
      List<String> values = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        values.add(scalarText(item, "an item of '" + key + "'"));
      }
      return values;
    }

    private NodeTuple require(Map<String, NodeTuple> fields, String key, Node top) {
      NodeTuple tuple = fields.get(key);
      if (tuple == null) {
        throw error(top, "'" + key + "' is mandatory");
      }
      return tuple;
    }

    private static boolean isNull(Node node) {
      return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private SigmaRuleException error(Node node, String problem) {
      return new SigmaRuleException(source, label, node.getStartMark().getLine() + 1, problem);
    }
  }

  /** Reads the correlation part of a document; shares the rule reader's checks and messages. */
  private static final class CorrelationReader {

    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhd])");
    private static final Set<String> KEYS =
        Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate");

    private final RuleReader reader;

    CorrelationReader(RuleReader reader) {
      this.reader = reader;
    }

    SigmaCorrelationRule read(
        MappingNode top, Map<String, NodeTuple> fields, String title, String id) {
      if (title == null) {
        throw reader.error(top, "'title' is mandatory");
      }
      for (String refused : List.of("detection", "logsource", "action", "filter")) {
        if (fields.containsKey(refused)) {
          throw reader.error(
              fields.get(refused).getKeyNode(),
              "a correlation rule has no '" + refused + "'; put it in a detection rule");
        }
      }
      String level = reader.optionalString(fields, "level");
      if (level != null && !LEVELS.contains(level)) {
        throw reader.error(
            fields.get("level").getValueNode(), "unknown level '" + level + "'; one of " + LEVELS);
      }
      String status = reader.optionalString(fields, "status");
      if (status != null && !STATUSES.contains(status)) {
        throw reader.error(
            fields.get("status").getValueNode(),
            "unknown status '" + status + "'; one of " + STATUSES);
      }
      List<String> tags = reader.stringList(fields, "tags");
      List<String> techniques = new ArrayList<>();
      List<String> tactics = new ArrayList<>();
      reader.readAttackTags(fields, tags, techniques, tactics);

      NodeTuple correlationTuple = fields.get("correlation");
      MappingNode correlation = reader.mapping(correlationTuple.getValueNode(), "'correlation'");
      Map<String, NodeTuple> keys = reader.keys(correlation);
      for (NodeTuple tuple : keys.values()) {
        String key = reader.scalarText(tuple.getKeyNode(), "a key");
        if (!KEYS.contains(key)) {
          throw reader.error(
              tuple.getKeyNode(),
              "unknown correlation attribute '" + key + "'; one of " + new TreeSet<>(KEYS));
        }
      }
      NodeTuple typeTuple = reader.require(keys, "type", correlation);
      String typeName = reader.scalarText(typeTuple.getValueNode(), "'type'");
      SigmaCorrelationRule.Type type = SigmaCorrelationRule.Type.of(typeName);
      if (type == null) {
        throw reader.error(
            typeTuple.getValueNode(),
            "correlation type '"
                + typeName
                + "' is not supported; one of event_count, value_count, temporal,"
                + " temporal_ordered");
      }
      List<String> rules = reader.stringList(keys, "rules");
      if (rules.isEmpty()) {
        throw reader.error(correlation, "'rules' is mandatory and must name at least one rule");
      }
      List<String> groupBy = reader.stringList(keys, "group-by");
      NodeTuple timespanTuple = reader.require(keys, "timespan", correlation);
      Duration timespan = timespan(timespanTuple.getValueNode());
      Map<String, Map<String, String>> aliases = aliases(keys.get("aliases"));
      String valueField = null;
      SigmaCorrelationRule.Condition condition = null;
      NodeTuple conditionTuple = keys.get("condition");
      if (conditionTuple != null) {
        MappingNode conditionNode = reader.mapping(conditionTuple.getValueNode(), "'condition'");
        List<SigmaCorrelationRule.Criterion> criteria = new ArrayList<>();
        for (NodeTuple tuple : reader.keys(conditionNode).values()) {
          String key = reader.scalarText(tuple.getKeyNode(), "a condition key");
          if (key.equals("field")) {
            valueField = reader.scalarText(tuple.getValueNode(), "'field'");
            continue;
          }
          SigmaCorrelationRule.Operator operator;
          try {
            operator = SigmaCorrelationRule.Operator.valueOf(key.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw reader.error(
                tuple.getKeyNode(),
                "unknown condition operator '" + key + "'; one of gt, gte, lt, lte, eq, neq");
          }
          String number = reader.scalarText(tuple.getValueNode(), "'" + key + "'");
          try {
            long threshold = Long.parseLong(number.trim());
            if (threshold < 0) {
              throw new NumberFormatException();
            }
            criteria.add(new SigmaCorrelationRule.Criterion(operator, threshold));
          } catch (NumberFormatException e) {
            throw reader.error(
                tuple.getValueNode(),
                "condition '" + key + "' needs a non-negative integer, not '" + number + "'");
          }
        }
        if (criteria.isEmpty() || criteria.size() > 2) {
          throw reader.error(
              conditionNode, "a condition needs one criterion, or two for a range (gt + lte …)");
        }
        condition = new SigmaCorrelationRule.Condition(criteria);
      }
      switch (type) {
        case EVENT_COUNT, VALUE_COUNT -> {
          if (condition == null) {
            throw reader.error(correlation, "'condition' is mandatory for " + typeName);
          }
          if (type == SigmaCorrelationRule.Type.VALUE_COUNT && valueField == null) {
            throw reader.error(
                conditionTuple.getValueNode(),
                "value_count needs 'field' in its condition (the field whose distinct values"
                    + " are counted)");
          }
          if (type == SigmaCorrelationRule.Type.EVENT_COUNT && valueField != null) {
            throw reader.error(
                conditionTuple.getValueNode(), "'field' is only meaningful for value_count");
          }
        }
        case TEMPORAL, TEMPORAL_ORDERED -> {
          if (valueField != null) {
            throw reader.error(
                conditionTuple.getValueNode(), "'field' is only meaningful for value_count");
          }
        }
      }
      Boolean generate = generate(fields.get("generate"));
      Boolean innerGenerate = generate(keys.get("generate"));
      return new SigmaCorrelationRule(
          reader.source,
          title,
          id,
          reader.optionalString(fields, "name"),
          level,
          reader.optionalString(fields, "description"),
          tags,
          AttackTags.tacticsOf(tactics),
          AttackTags.techniquesOf(techniques),
          type,
          rules,
          groupBy,
          timespan,
          condition,
          valueField,
          aliases,
          Boolean.TRUE.equals(generate) || Boolean.TRUE.equals(innerGenerate));
    }

    private Duration timespan(Node node) {
      String text = reader.scalarText(node, "'timespan'");
      java.util.regex.Matcher matcher = TIMESPAN.matcher(text.trim());
      if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
        throw reader.error(
            node,
            "timespan '" + text + "' is not <positive number><s|m|h|d> (e.g. 90s, 10m, 1h, 7d)");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }

    private Map<String, Map<String, String>> aliases(NodeTuple tuple) {
      if (tuple == null || RuleReader.isNull(tuple.getValueNode())) {
        return Map.of();
      }
      Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
      MappingNode mapping = reader.mapping(tuple.getValueNode(), "'aliases'");
      for (NodeTuple alias : reader.keys(mapping).values()) {
        String name = reader.scalarText(alias.getKeyNode(), "an alias name");
        Map<String, String> fieldsByRule = new LinkedHashMap<>();
        MappingNode perRule =
            reader.mapping(alias.getValueNode(), "alias '" + name + "' (rule: field)");
        for (NodeTuple entry : reader.keys(perRule).values()) {
          fieldsByRule.put(
              reader.scalarText(entry.getKeyNode(), "a rule id or name"),
              reader.scalarText(entry.getValueNode(), "a field name"));
        }
        aliases.put(name, Map.copyOf(fieldsByRule));
      }
      return aliases;
    }

    private Boolean generate(NodeTuple tuple) {
      if (tuple == null) {
        return null;
      }
      Node value = tuple.getValueNode();
      if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
        return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
      }
      throw reader.error(value, "'generate' must be true or false");
    }
  }
}
