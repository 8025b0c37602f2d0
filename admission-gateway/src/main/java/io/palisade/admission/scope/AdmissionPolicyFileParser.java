package io.palisade.admission.scope;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code admission-policy.yaml} into an {@link AdmissionPolicyFile}. Every problem is a
 * {@link PolicyFileException} naming the file, the path inside it and what is wrong: unknown keys
 * (so a typo is not silently ignored), wrong types, invalid levels, versions, modes or instants,
 * duplicate keys or exemption names.
 *
 * <p>Scalars follow the YAML 1.2 core schema: only {@code true}/{@code false} are booleans, so
 * {@code mode: off} is the string "off" and not YAML 1.1's boolean false; timestamps stay strings
 * and {@code expires} is parsed as an ISO-8601 instant.
 */
public final class AdmissionPolicyFileParser {

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("defaults", "namespaces", "workloads", "exemptions", "defaultPolicyMode", "policies");
  private static final Set<String> LEVEL_KEYS =
      Set.of("enforce", "enforce-version", "audit", "audit-version", "warn", "warn-version");
  private static final Set<String> EXEMPTION_KEYS =
      Set.of(
          "name",
          "usernames",
          "groups",
          "namespaces",
          "runtimeClasses",
          "workloadLabels",
          "policies",
          "expires",
          "reason");
  private static final Set<String> POLICY_KEYS = Set.of("mode", "namespaces", "settings");

  /**
   * Parses the file's text.
   *
   * @param file the file name used in error messages
   * @throws PolicyFileException on any problem
   */
  public AdmissionPolicyFile parse(String file, String text) {
    Object root;
    try {
      root = yaml().load(text);
    } catch (YAMLException e) {
      throw new PolicyFileException(file, "", "not valid YAML: " + oneLine(e.getMessage()));
    }
    if (root == null) {
      return AdmissionPolicyFile.BUILT_IN;
    }
    Node top = new Node(file, "", root);
    Map<String, Node> entries = top.mapWithKeys(TOP_LEVEL_KEYS);

    NamespaceSecurity defaults = AdmissionPolicyFile.BUILT_IN_DEFAULTS;
    if (entries.containsKey("defaults")) {
      defaults = levels(entries.get("defaults")).completeWith(defaults);
    }
    Map<String, PodSecuritySettings> overrides = new LinkedHashMap<>();
    if (entries.containsKey("namespaces")) {
      entries.get("namespaces").map().forEach((ns, node) -> overrides.put(ns, levels(node)));
    }
    WorkloadEnforcement workloads = AdmissionPolicyFile.BUILT_IN_WORKLOADS;
    if (entries.containsKey("workloads")) {
      Node node = entries.get("workloads");
      workloads = node.convert(WorkloadEnforcement::parse);
    }
    List<Exemption> exemptions = new ArrayList<>();
    if (entries.containsKey("exemptions")) {
      Set<String> names = new HashSet<>();
      for (Node node : entries.get("exemptions").list()) {
        Exemption exemption = exemption(node);
        if (!names.add(exemption.name())) {
          throw node.problem("name \"" + exemption.name() + "\" is used by an earlier exemption");
        }
        exemptions.add(exemption);
      }
    }
    PolicyMode defaultMode = AdmissionPolicyFile.BUILT_IN_POLICY_MODE;
    if (entries.containsKey("defaultPolicyMode")) {
      defaultMode = entries.get("defaultPolicyMode").convert(PolicyMode::parse);
    }
    Map<String, PolicySettings> policies = new LinkedHashMap<>();
    if (entries.containsKey("policies")) {
      entries.get("policies").map().forEach((name, node) -> policies.put(name, policy(node)));
    }
    return new AdmissionPolicyFile(
        defaults, overrides, workloads, exemptions, defaultMode, policies);
  }

  private static PodSecuritySettings levels(Node node) {
    Map<String, Node> entries = node.mapWithKeys(LEVEL_KEYS);
    return new PodSecuritySettings(
        level(entries.get("enforce")),
        version(entries.get("enforce-version")),
        level(entries.get("audit")),
        version(entries.get("audit-version")),
        level(entries.get("warn")),
        version(entries.get("warn-version")));
  }

  private static String level(Node node) {
    return node == null ? null : node.convert(PodSecurityLabels::requireLevel);
  }

  private static String version(Node node) {
    return node == null ? null : node.convert(PodSecurityLabels::requireVersion);
  }

  private static Exemption exemption(Node node) {
    Map<String, Node> entries = node.mapWithKeys(EXEMPTION_KEYS);
    Node name = entries.get("name");
    if (name == null) {
      throw node.problem("an exemption needs a name (it is shown in audit records)");
    }
    Instant expires =
        !entries.containsKey("expires")
            ? null
            : entries
                .get("expires")
                .convert(
                    text -> {
                      try {
                        return Instant.parse(text);
                      } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(
                            "\""
                                + text
                                + "\" is not an ISO-8601 instant (e.g. 2027-01-31T00:00:00Z)");
                      }
                    });
    Node reason = entries.get("reason");
    return node.convert(
        () ->
            new Exemption(
                name.string(),
                stringSet(entries.get("usernames")),
                stringSet(entries.get("groups")),
                stringSet(entries.get("namespaces")),
                stringSet(entries.get("runtimeClasses")),
                stringMap(entries.get("workloadLabels")),
                stringSet(entries.get("policies")),
                expires,
                reason == null ? null : reason.string()));
  }

  private static PolicySettings policy(Node node) {
    Map<String, Node> entries = node.mapWithKeys(POLICY_KEYS);
    PolicyMode mode =
        entries.containsKey("mode") ? entries.get("mode").convert(PolicyMode::parse) : null;
    Map<String, PolicyMode> namespaceModes = new LinkedHashMap<>();
    if (entries.containsKey("namespaces")) {
      entries
          .get("namespaces")
          .map()
          .forEach((ns, modeNode) -> namespaceModes.put(ns, modeNode.convert(PolicyMode::parse)));
    }
    Map<String, Object> settings = Map.of();
    if (entries.containsKey("settings")) {
      Node settingsNode = entries.get("settings");
      settingsNode.map(); // must be a map
      @SuppressWarnings("unchecked")
      Map<String, Object> raw = (Map<String, Object>) unmodifiable(settingsNode.value);
      settings = raw;
    }
    return new PolicySettings(mode, namespaceModes, settings);
  }

  private static Set<String> stringSet(Node node) {
    if (node == null) {
      return Set.of();
    }
    List<String> values = new ArrayList<>();
    for (Node item : node.list()) {
      values.add(item.string());
    }
    return Set.copyOf(values);
  }

  private static Map<String, String> stringMap(Node node) {
    if (node == null) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    node.map().forEach((key, value) -> values.put(key, value.string()));
    return values;
  }

  private static Object unmodifiable(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, unmodifiable(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(unmodifiable(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\n\\s*", " ").trim();
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setAllowRecursiveKeys(false);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options), new Representer(dumper), dumper, options, new CoreSchema());
  }

  /** YAML 1.2 core schema scalars: no yes/no/on/off booleans, no octal, no timestamps. */
  private static final class CoreSchema extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(
          Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789");
      addImplicitResolver(
          Tag.FLOAT,
          Pattern.compile("^[-+]?(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
          "-+0123456789.");
      addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL)$"), "~nN");
      addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
    }
  }

  /** A value in the parsed tree with its path, so every error can say where it is. */
  private static final class Node {
    private final String file;
    private final String path;
    private final Object value;

    Node(String file, String path, Object value) {
      this.file = file;
      this.path = path;
      this.value = value;
    }

    PolicyFileException problem(String what) {
      return new PolicyFileException(file, path, what);
    }

    Map<String, Node> map() {
      if (!(value instanceof Map<?, ?> raw)) {
        throw problem("expected a map, found " + describe(value));
      }
      Map<String, Node> entries = new LinkedHashMap<>();
      raw.forEach(
          (key, child) -> {
            if (!(key instanceof String name)) {
              throw problem("keys must be text, found " + describe(key));
            }
            entries.put(name, new Node(file, child(name), child));
          });
      return entries;
    }

    Map<String, Node> mapWithKeys(Set<String> allowed) {
      if (value == null) {
        return Map.of();
      }
      Map<String, Node> entries = map();
      for (String key : entries.keySet()) {
        if (!allowed.contains(key)) {
          throw new PolicyFileException(
              file,
              child(key),
              "unknown key (expected one of "
                  + String.join(", ", allowed.stream().sorted().toList())
                  + ")");
        }
      }
      return entries;
    }

    List<Node> list() {
      if (!(value instanceof List<?> raw)) {
        throw problem("expected a list, found " + describe(value));
      }
      List<Node> items = new ArrayList<>();
      for (int i = 0; i < raw.size(); i++) {
        items.add(new Node(file, path + "[" + i + "]", raw.get(i)));
      }
      return items;
    }

    String string() {
      if (!(value instanceof String text)) {
        throw problem("expected text, found " + describe(value));
      }
      return text;
    }

    <T> T convert(Function<String, T> parser) {
      String text = string();
      return convert(() -> parser.apply(text));
    }

    <T> T convert(Supplier<T> builder) {
      try {
        return builder.get();
      } catch (IllegalArgumentException e) {
        throw problem(e.getMessage());
      }
    }

    private String child(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(Object value) {
      if (value == null) {
        return "nothing";
      }
      if (value instanceof Map<?, ?>) {
        return "a map";
      }
      if (value instanceof List<?>) {
        return "a list";
      }
      if (value instanceof String text) {
        return "\"" + text + "\"";
      }
      return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }
  }
}
