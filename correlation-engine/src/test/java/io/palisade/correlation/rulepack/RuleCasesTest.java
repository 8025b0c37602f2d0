package io.palisade.correlation.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.correlation.sigma.JsonSigmaEvent;
import io.palisade.correlation.sigma.SigmaEngine;
import io.palisade.correlation.sigma.SigmaRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case under {@code rules-cases/<rule file stem>/}: the rule of that file (loaded with the
 * whole pack) matches each {@code positive*.json} and none of the {@code negative*.json}. Other
 * rules may match the same event. {@code rules-cases/correlations/} holds event sequences for the
 * correlation rules and is not read here (see {@link CorrelationRulesTest}).
 */
class RuleCasesTest {

  private static final SigmaEngine ENGINE = RulePack.engine();
  private static final Map<String, SigmaRule> BY_STEM =
      ENGINE.rules().stream().collect(Collectors.toMap(RulePack::stem, Function.identity()));

  static List<Path> casesIn(Path folder, String prefix) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(
              file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".json");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() throws IOException {
    try (Stream<Path> folders = Files.list(RulePack.casesRoot())) {
      return folders
          .filter(Files::isDirectory)
          .filter(folder -> !folder.getFileName().toString().equals("correlations"))
          .sorted()
          .toList()
          .stream()
          .flatMap(
              folder ->
                  Stream.concat(
                      casesIn(folder, "positive").stream().map(file -> Arguments.of(file, true)),
                      casesIn(folder, "negative").stream().map(file -> Arguments.of(file, false))))
          .map(
              arguments -> {
                Path file = (Path) arguments.get()[0];
                return Arguments.of(
                    file.getParent().getFileName() + "/" + file.getFileName(),
                    file,
                    arguments.get()[1]);
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theRuleMatchesExactlyItsPositives(String name, Path file, boolean positive)
      throws IOException {
    SigmaRule rule = BY_STEM.get(file.getParent().getFileName().toString());
    assertThat(rule).as("rule for " + name).isNotNull();
    JsonSigmaEvent event = JsonSigmaEvent.parse(Files.readString(file));

    List<SigmaRule> matches = ENGINE.match(rule.logsource(), event);

    assertThat(rule.matches(event)).as(name).isEqualTo(positive);
    assertThat(matches.contains(rule)).as(name + " through the index").isEqualTo(positive);
  }
}
