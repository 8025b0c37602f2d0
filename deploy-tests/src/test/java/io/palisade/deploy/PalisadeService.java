package io.palisade.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One Palisade service as its own module describes it: its configuration file ({@code
 * <service>.yml}, for the port) and the configuration keys its README documents (with the intake
 * library's README for the services that have the intake library, whose {@code palisade.intake.*}
 * and {@code palisade.kafka.*} keys they accept). Deployment files are checked against these, so
 * that a renamed key or port breaks the build rather than a deployment.
 */
record PalisadeService(String name, boolean hasIntakeLibrary) {

  static final List<PalisadeService> ALL =
      List.of(
          new PalisadeService("admission-gateway", true),
          new PalisadeService("audit-ingester", true),
          new PalisadeService("runtime-ingester", true),
          new PalisadeService("correlation-engine", false),
          new PalisadeService("alert-notifier", false));

  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(palisade\\.[a-z0-9.\\-]+)");
  private static final Pattern BRACES = Pattern.compile("\\{([^{}]+)}");

  static PalisadeService named(String name) {
    return ALL.stream()
        .filter(service -> service.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Palisade service " + name));
  }

  Path configFile() {
    return Repository.path(name + "/src/main/resources/" + name + ".yml");
  }

  /** {@code server.port} of the service's own configuration file. */
  int serverPort() {
    JsonNode port = Yaml.single(configFile()).path("server").path("port");
    if (!port.isInt()) {
      throw new IllegalStateException(configFile() + " sets no server.port");
    }
    return port.intValue();
  }

  /**
   * The port of {@code /actuator/**}: the server port, or with TLS on the intake library's
   * management port (its default is the server port + 1000, see intake/README.md).
   */
  int managementPort(boolean tls, JsonNode managementPortSetting) {
    if (!tls) {
      return serverPort();
    }
    return managementPortSetting.isInt() ? managementPortSetting.intValue() : serverPort() + 1000;
  }

  /**
   * Whether {@code key} (a dotted property name, e.g. from a mounted configuration file) is one the
   * service documents or sets in its own configuration file.
   */
  boolean knowsProperty(String key) {
    String canonical = canonical(key);
    for (String documented : documentedKeys()) {
      if (documented.endsWith(".*")) {
        String prefix = canonical(documented.substring(0, documented.length() - 2));
        if (canonical.startsWith(prefix + ".")) {
          return true;
        }
      } else if (canonical(documented).equals(canonical)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an environment variable binds to a documented key, under Spring Boot's relaxed rules
   * ({@code palisade.intake.tls.private-key} = {@code PALISADE_INTAKE_TLS_PRIVATEKEY}, or the
   * legacy {@code PALISADE_INTAKE_TLS_PRIVATE_KEY}; a map key below a documented prefix).
   */
  boolean knowsEnvironmentVariable(String variable) {
    for (String documented : documentedKeys()) {
      if (documented.endsWith(".*")) {
        String prefix = documented.substring(0, documented.length() - 2);
        if (variable.startsWith(environmentForm(prefix, "") + "_")) {
          return true;
        }
      } else if (variable.equals(environmentForm(documented, ""))
          || variable.equals(environmentForm(documented, "_"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The documented keys: every {@code palisade.*} or {@code server.*} key in backticks in the first
   * column of a README table, braces expanded ({@code palisade.topics.{a,b}}), map and wildcard
   * keys ({@code .[<setting>]}, {@code .*}) as prefixes ending in {@code .*}; the keys the
   * service's yml sets; and the {@code ${palisade.…}} placeholders it reads.
   */
  Set<String> documentedKeys() {
    Set<String> keys = new LinkedHashSet<>();
    List<Path> readmes = new ArrayList<>(List.of(Repository.path(name + "/README.md")));
    if (hasIntakeLibrary) {
      readmes.add(Repository.path("intake/README.md"));
    }
    for (Path readme : readmes) {
      for (String line : lines(readme)) {
        if (!line.startsWith("|")) {
          continue;
        }
        String firstColumn = line.split("\\|", -1)[1];
        Matcher matcher = BACKTICKED.matcher(firstColumn);
        while (matcher.find()) {
          String key = matcher.group(1).trim();
          if (key.startsWith("palisade.") || key.startsWith("server.")) {
            expand(key).stream().map(PalisadeService::asPrefixIfWildcard).forEach(keys::add);
          }
        }
      }
    }
    keys.addAll(flatten(Yaml.single(configFile())).keySet());
    Matcher placeholders = PLACEHOLDER.matcher(String.join("\n", lines(configFile())));
    while (placeholders.find()) {
      keys.add(placeholders.group(1));
    }
    // A row such as `palisade.intake.tls.*` that summarises keys listed elsewhere is no map: only a
    // wildcard with no documented key below it (`palisade.notifier.consumer-properties.*`) is one.
    keys.removeIf(
        key ->
            key.endsWith(".*")
                && keys.stream()
                    .anyMatch(
                        other ->
                            !other.endsWith(".*")
                                && other.startsWith(key.substring(0, key.length() - 1))));
    return keys;
  }

  /** A YAML configuration tree as dotted keys (map keys in brackets stay as written). */
  static Map<String, JsonNode> flatten(JsonNode tree) {
    Map<String, JsonNode> keys = new LinkedHashMap<>();
    flatten("", tree, keys);
    return keys;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> keys) {
    if (node.isObject() && !node.isEmpty()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        flatten(
            prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
            field.getValue(),
            keys);
      }
    } else {
      keys.put(prefix, node);
    }
  }

  private static List<String> expand(String key) {
    Matcher braces = BRACES.matcher(key);
    if (!braces.find()) {
      return List.of(key);
    }
    List<String> expanded = new ArrayList<>();
    for (String alternative : braces.group(1).split(",")) {
      expanded.addAll(
          expand(
              key.substring(0, braces.start()) + alternative.trim() + key.substring(braces.end())));
    }
    return expanded;
  }

  private static String asPrefixIfWildcard(String key) {
    int map = key.indexOf(".[");
    if (map >= 0) {
      return key.substring(0, map) + ".*";
    }
    return key;
  }

  /** Relaxed comparison: case and dashes do not matter; a bracketed map key stays one segment. */
  private static String canonical(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replaceAll("\\.\\[.*$", ".x");
  }

  private static String environmentForm(String key, String dash) {
    return key.replace(".", "_").replace("-", dash).toUpperCase(Locale.ROOT);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
