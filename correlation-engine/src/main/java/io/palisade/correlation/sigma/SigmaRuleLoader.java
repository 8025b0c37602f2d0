package io.palisade.correlation.sigma;

import io.palisade.schemas.AttackTags;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  /** Loads every {@code *.yml} and {@code *.yaml} file under {@code directory}, in path order. */
  public static List<SigmaRule> loadDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new SigmaRuleSetException(
          List.of(new SigmaRuleException(directory.toString(), null, 0, "not a directory")));
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new SigmaRuleSetException(
          List.of(
              new SigmaRuleException(
                  directory.toString(), null, 0, "cannot list: " + e.getMessage())));
    }
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaRuleException> errors = new ArrayList<>();
    for (Path file : files) {
      try {
        rules.addAll(loadFile(file));
      } catch (SigmaRuleException e) {
        errors.add(e);
      }
    }
    errors.addAll(duplicateIds(rules));
    if (!errors.isEmpty()) {
      throw new SigmaRuleSetException(errors);
    }
    return rules;
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
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    List<SigmaRule> rules = new ArrayList<>();
    try {
      for (Node document : yaml.composeAll(reader)) {
        if (document != null) {
          rules.add(new RuleReader(source).read(document));
        }
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new SigmaRuleException(source, null, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new SigmaRuleException(source, null, 0, "not valid YAML: " + e.getMessage());
    }
    if (rules.isEmpty()) {
      throw new SigmaRuleException(source, null, 0, "contains no rule");
    }
    return rules;
  }

  private static List<SigmaRuleException> duplicateIds(List<SigmaRule> rules) {
    Map<String, SigmaRule> byId = new HashMap<>();
    List<SigmaRuleException> errors = new ArrayList<>();
    for (SigmaRule rule : rules) {
      if (rule.id() == null) {
        continue;
      }
      SigmaRule earlier = byId.putIfAbsent(rule.id(), rule);
      if (earlier != null) {
        errors.add(
            new SigmaRuleException(
                rule.source(), rule.label(), 0, "duplicate id: also used by " + earlier.source()));
      }
    }
    return errors;
  }

  /** Reads one YAML document into a rule; one instance per document. */
  private static final class RuleReader {

    private final String source;
    private String label;
    private SigmaLogsource logsource;

    RuleReader(String source) {
      this.source = source;
    }

    SigmaRule read(Node document) {
      MappingNode top = mapping(document, "a rule");
      Map<String, NodeTuple> fields = keys(top);
      String title = optionalString(fields, "title");
      String id = optionalString(fields, "id");
      if (title != null) {
        label = "'" + title + "'" + (id != null ? " (" + id + ")" : "");
      } else if (id != null) {
        label = "(" + id + ")";
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
                + " this engine";
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
}
