package io.palisade.correlation.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pack agrees with at least 95% of the labelled corpus events on the catalogue rows it covers,
 * and every disagreement is explained in {@code accuracy/explained.tsv}. With {@code
 * -Daccuracy.write=true} it (re)writes the report, the repository's {@code
 * docs/detection-accuracy.md}; without it, it checks that the committed report is up to date:
 *
 * <pre>./mvnw -o -pl correlation-engine test -Dtest=DetectionAccuracyTest -Daccuracy.write=true
 * </pre>
 */
class DetectionAccuracyTest {

  private static DetectionAccuracy accuracy;

  @BeforeAll
  static void replay() {
    accuracy = DetectionAccuracy.run(RulePack.engine());
  }

  @Test
  void everyLabelledEventIsReplayed() {
    assertThat(accuracy.outcomes()).hasSizeGreaterThanOrEqualTo(237 + 46);
  }

  @Test
  void agreesWithAtLeast95PercentOfTheLabelsOnCoveredRows() {
    assertThat(accuracy.agreement()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void everyDisagreementIsExplainedAndEveryExplanationIsStillNeeded() {
    Set<String> disagreements =
        accuracy.disagreements().stream()
            .map(DetectionAccuracy::key)
            .collect(Collectors.toCollection(java.util.TreeSet::new));

    assertThat(disagreements)
        .as(String.join("\n", describeDisagreements()))
        .isSubsetOf(accuracy.explanations().keySet());
    assertThat(accuracy.explanations().keySet()).isSubsetOf(disagreements);
    assertThat(accuracy.explanations().values())
        .allSatisfy(explanation -> assertThat(explanation.reason()).hasSizeGreaterThan(20));
  }

  @Test
  void writesTheReportWhenAskedAndOtherwiseChecksItIsUpToDate() throws IOException {
    String report = accuracy.markdown(RulePack.load());
    assertThat(report).doesNotContain("UNEXPLAINED");
    Path target = Path.of("..", "docs", "detection-accuracy.md").toAbsolutePath().normalize();
    if (Boolean.getBoolean("accuracy.write")) {
      Files.createDirectories(target.getParent());
      Files.writeString(target, report);
    } else {
      assertThat(Files.readString(target))
          .as(
              "docs/detection-accuracy.md is stale: regenerate it with ./mvnw -o -pl"
                  + " correlation-engine test -Dtest=DetectionAccuracyTest -Daccuracy.write=true")
          .isEqualTo(report);
    }
  }

  /** Prints the disagreements with the rules that did fire (for writing explanations). */
  static List<String> describeDisagreements() {
    return accuracy.disagreements().stream()
        .map(o -> DetectionAccuracy.key(o) + "\t" + o.labelled().expected() + "\t" + o.matched())
        .toList();
  }
}
