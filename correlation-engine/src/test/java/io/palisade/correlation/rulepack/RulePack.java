package io.palisade.correlation.rulepack;

import io.palisade.correlation.sigma.SigmaEngine;
import io.palisade.correlation.sigma.SigmaRule;
import io.palisade.correlation.sigma.SigmaRuleLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built-in rule pack as the tests see it: the single-event rules of {@code rules/audit}, {@code
 * rules/admission} and {@code rules/falco} (from the classpath, i.e. the module's main resources).
 * {@code rules/correlations} holds Sigma correlation rules, which this branch's engine refuses at
 * load; it is checked separately by {@link CorrelationRulesTest}.
 */
final class RulePack {

  static final List<String> SINGLE_EVENT_FOLDERS = List.of("audit", "admission", "falco");
  static final String CORRELATIONS_FOLDER = "correlations";

  private RulePack() {}

  static Path root() {
    return resource("/rules");
  }

  static Path casesRoot() {
    return resource("/rules-cases");
  }

  static Path resource(String name) {
    try {
      return Path.of(RulePack.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing resource " + name, e);
    }
  }

  /** The single-event rules of the pack, every folder loaded (and refused) as one set. */
  static List<SigmaRule> load() {
    List<SigmaRule> rules = new ArrayList<>();
    for (String folder : SINGLE_EVENT_FOLDERS) {
      rules.addAll(SigmaRuleLoader.loadDirectory(root().resolve(folder)));
    }
    return rules;
  }

  static SigmaEngine engine() {
    return SigmaEngine.of(load());
  }

  /** The pack's single-event rule files, by file stem. */
  static Map<String, Path> singleEventFiles() {
    return SINGLE_EVENT_FOLDERS.stream()
        .flatMap(folder -> yamlFiles(root().resolve(folder)))
        .collect(Collectors.toMap(RulePack::stem, Function.identity()));
  }

  static Stream<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> path.toString().endsWith(".yml")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  static String stem(SigmaRule rule) {
    return stem(Path.of(rule.source()));
  }
}
