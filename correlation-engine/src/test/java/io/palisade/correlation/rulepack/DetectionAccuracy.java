package io.palisade.correlation.rulepack;

import io.palisade.correlation.sigma.JsonSigmaEvent;
import io.palisade.correlation.sigma.SigmaEngine;
import io.palisade.correlation.sigma.SigmaLogsource;
import io.palisade.correlation.sigma.SigmaRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the labelled corpora (Falco's k8s audit trace files, Panther's Kubernetes rule tests)
 * through the pack's audit rules and measures, per catalogue row, how often the pack agrees with
 * the label: a label maps to a catalogue row and to the pack's rule files for it ({@code
 * label-map.tsv}); the pack "fires" for a case when one of those rules matches the event. Cases
 * whose label no rule covers are counted apart and excluded from the agreement.
 */
final class DetectionAccuracy {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Path DIR = RulePack.resource("/accuracy");

  /** A corpus label and the catalogue row and pack rules it maps to. */
  record Mapping(String corpus, String label, int row, List<String> rules) {
    boolean covered() {
      return !rules.isEmpty();
    }
  }

  /** The pack's verdict on one labelled case. */
  record Outcome(LabelledCase labelled, Mapping mapping, List<String> matched) {
    boolean fired() {
      return matched.stream().anyMatch(mapping.rules()::contains);
    }

    boolean agrees() {
      return fired() == labelled.expected();
    }

    String kind() {
      return (agrees() ? "T" : "F") + (fired() ? "P" : "N");
    }
  }

  /** Why a disagreement is intended or accepted. */
  record Explanation(String corpus, String caseId, String label, String reason) {
    String key() {
      return corpus + "\t" + caseId + "\t" + label;
    }
  }

  private final List<Outcome> outcomes;
  private final Map<String, Explanation> explanations;
  private final Map<Integer, String> rowNames;
  private final Map<String, Long> realTrafficMatches;

  private DetectionAccuracy(
      List<Outcome> outcomes,
      Map<String, Explanation> explanations,
      Map<Integer, String> rowNames,
      Map<String, Long> realTrafficMatches) {
    this.outcomes = outcomes;
    this.explanations = explanations;
    this.rowNames = rowNames;
    this.realTrafficMatches = realTrafficMatches;
  }

  static DetectionAccuracy run(SigmaEngine engine) {
    Map<String, Mapping> mappings = mappings();
    List<Outcome> outcomes = new ArrayList<>();
    for (LabelledCase labelled : cases()) {
      Mapping mapping = mappings.get(labelled.corpus() + "\t" + labelled.label());
      if (mapping == null) {
        throw new IllegalStateException(
            "label-map.tsv has no row for " + labelled.corpus() + " label " + labelled.label());
      }
      outcomes.add(new Outcome(labelled, mapping, matches(engine, labelled.event())));
    }
    return new DetectionAccuracy(outcomes, loadExplanations(), rowNames(), realTraffic(engine));
  }

  List<Outcome> outcomes() {
    return outcomes;
  }

  List<Outcome> covered() {
    return outcomes.stream().filter(outcome -> outcome.mapping().covered()).toList();
  }

  List<Outcome> disagreements() {
    return covered().stream().filter(outcome -> !outcome.agrees()).toList();
  }

  double agreement() {
    List<Outcome> covered = covered();
    return covered.stream().filter(Outcome::agrees).count() / (double) covered.size();
  }

  Map<String, Explanation> explanations() {
    return explanations;
  }

  static String key(Outcome outcome) {
    LabelledCase labelled = outcome.labelled();
    return labelled.corpus() + "\t" + labelled.caseId() + "\t" + labelled.label();
  }

  private static List<String> matches(SigmaEngine engine, JsonNode event) {
    return engine.match(SigmaLogsource.AUDIT, JsonSigmaEvent.of(event)).stream()
        .map(RulePack::stem)
        .toList();
  }

  // ---------------------------------------------------------------- corpora

  static List<LabelledCase> cases() {
    List<LabelledCase> cases = new ArrayList<>();
    for (String[] label : tsv("falco-trace-labels.tsv")) {
      Path file = DIR.resolve("falco-trace-files").resolve(label[0]);
      int line = 0;
      for (String text : lines(file)) {
        if (text.isBlank()) {
          continue;
        }
        line++;
        cases.add(
            new LabelledCase(
                "falco",
                label[0] + "#" + line,
                label[1],
                Boolean.parseBoolean(label[2]),
                "k8s audit",
                MAPPER.readTree(text)));
      }
    }
    for (Path file : list(DIR.resolve("panther-rule-tests"))) {
      int line = 0;
      for (String text : lines(file)) {
        line++;
        try {
          cases.add(pantherCase(file, MAPPER.readTree(text)));
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              file.getFileName() + ":" + line + ": not a Panther test: " + e.getMessage(), e);
        }
      }
    }
    return cases;
  }

  private static LabelledCase pantherCase(Path file, JsonNode test) {
    String logType = test.path("log_type").stringValue();
    return new LabelledCase(
        "panther",
        file.getFileName() + "#" + test.path("test_name").stringValue(),
        test.path("rule_id").stringValue(),
        test.path("expected_result").booleanValue(),
        logType,
        AuditEventViews.toAuditEvent(logType, test.path("log")));
  }

  private static Map<String, Mapping> mappings() {
    Map<String, Mapping> mappings = new LinkedHashMap<>();
    for (String[] row : tsv("label-map.tsv")) {
      List<String> rules = row[3].equals("-") ? List.of() : List.of(row[3].split(","));
      Mapping mapping = new Mapping(row[0], row[1], Integer.parseInt(row[2]), rules);
      mappings.put(row[0] + "\t" + row[1], mapping);
    }
    return mappings;
  }

  private static Map<String, Explanation> loadExplanations() {
    Map<String, Explanation> explanations = new LinkedHashMap<>();
    for (String[] row : tsv("explained.tsv")) {
      Explanation explanation = new Explanation(row[0], row[1], row[2], row[3]);
      explanations.put(explanation.key(), explanation);
    }
    return explanations;
  }

  private static Map<Integer, String> rowNames() {
    return tsv("catalogue-rows.tsv").stream()
        .collect(
            Collectors.toMap(
                row -> Integer.parseInt(row[0]), row -> row[1], (a, b) -> a, TreeMap::new));
  }

  private static Map<String, Long> realTraffic(SigmaEngine engine) {
    Map<String, Long> counts = new TreeMap<>();
    for (String text : lines(DIR.resolve("audit2rbac-demo.log"))) {
      if (!text.isBlank()) {
        for (String rule : matches(engine, MAPPER.readTree(text))) {
          counts.merge(rule, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  static List<String[]> tsv(String name) {
    return lines(DIR.resolve(name)).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\t", -1))
        .toList();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- report

  /** The report written to {@code docs/detection-accuracy.md}. */
  String markdown(List<SigmaRule> pack) {
    StringBuilder out = new StringBuilder();
    List<Outcome> covered = covered();
    long agreeing = covered.stream().filter(Outcome::agrees).count();
    out.append("# Detection accuracy of the rule pack\n\n")
        .append(
            "Generated by `DetectionAccuracyTest` (do not edit by hand): `./mvnw -o -pl"
                + " correlation-engine test -Dtest=DetectionAccuracyTest -Daccuracy.write=true`.\n")
        .append(
            "It replays the labelled corpora copied into"
                + " `correlation-engine/src/test/resources/accuracy/` (origins in `ORIGIN.md`"
                + " there) through the pack's ")
        .append(pack.size())
        .append(
            " single-event rules (`correlation-engine/src/main/resources/rules/`). Each corpus"
                + " label maps to a row of `detection-catalogue.md` and to the pack's rules for"
                + " it (`label-map.tsv`); the pack *fires* on a case when one of those rules"
                + " matches. TP/FN/FP/TN are counted against the label.\n\n")
        .append("- Labelled events replayed: ")
        .append(outcomes.size())
        .append(" (Falco trace files: ")
        .append(count("falco"))
        .append(", Panther tests: ")
        .append(count("panther"))
        .append(" — EKS native, AKS unwrapped from `properties.log`, GKE rebuilt from")
        .append(" `protoPayload`)\n")
        .append("- On rows the pack covers: ")
        .append(covered.size())
        .append(" cases, **")
        .append(agreeing)
        .append(" agree = ")
        .append(percent(agreeing, covered.size()))
        .append("** (target ≥ 95%); every disagreement is explained below.\n")
        .append("- Not covered by the pack (excluded from agreement): ")
        .append(outcomes.size() - covered.size())
        .append(" cases, listed at the end.\n\n");

    out.append("## Per catalogue row\n\n")
        .append("| row | detection | corpus labels | pack rules | cases | TP | FN | FP | TN |")
        .append(" agreement |\n|---|---|---|---|---|---|---|---|---|---|\n");
    Map<Integer, List<Outcome>> byRow =
        covered.stream()
            .collect(
                Collectors.groupingBy(
                    outcome -> outcome.mapping().row(), TreeMap::new, Collectors.toList()));
    byRow.forEach(
        (row, rowOutcomes) -> {
          String labels =
              rowOutcomes.stream()
                  .map(o -> o.labelled().corpus() + ": " + o.labelled().label())
                  .distinct()
                  .collect(Collectors.joining("<br>"));
          String rules =
              rowOutcomes.stream()
                  .flatMap(o -> o.mapping().rules().stream())
                  .distinct()
                  .sorted()
                  .map(rule -> "`" + rule + "`")
                  .collect(Collectors.joining("<br>"));
          long agree = rowOutcomes.stream().filter(Outcome::agrees).count();
          out.append("| ")
              .append(row)
              .append(" | ")
              .append(rowNames.getOrDefault(row, "?"))
              .append(" | ")
              .append(labels)
              .append(" | ")
              .append(rules)
              .append(" | ")
              .append(rowOutcomes.size());
          for (String kind : List.of("TP", "FN", "FP", "TN")) {
            out.append(" | ")
                .append(rowOutcomes.stream().filter(o -> o.kind().equals(kind)).count());
          }
          out.append(" | ").append(percent(agree, rowOutcomes.size())).append(" |\n");
        });

    out.append("\n## Per corpus\n\n| corpus | cases | TP | FN | FP | TN | agreement |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (String corpus : List.of("falco", "panther")) {
      List<Outcome> ofCorpus =
          covered.stream().filter(o -> o.labelled().corpus().equals(corpus)).toList();
      out.append("| ").append(corpus).append(" | ").append(ofCorpus.size());
      for (String kind : List.of("TP", "FN", "FP", "TN")) {
        out.append(" | ").append(ofCorpus.stream().filter(o -> o.kind().equals(kind)).count());
      }
      out.append(" | ")
          .append(percent(ofCorpus.stream().filter(Outcome::agrees).count(), ofCorpus.size()))
          .append(" |\n");
    }

    out.append("\n## Disagreements, each explained\n\n")
        .append("| row | corpus | case | label | expected | pack | reason |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Outcome outcome :
        disagreements().stream()
            .sorted(Comparator.comparingInt((Outcome o) -> o.mapping().row()))
            .toList()) {
      Explanation explanation = explanations.get(key(outcome));
      out.append("| ")
          .append(outcome.mapping().row())
          .append(" | ")
          .append(outcome.labelled().corpus())
          .append(" | ")
          .append(cell(outcome.labelled().caseId()))
          .append(" (")
          .append(outcome.labelled().logType())
          .append(") | ")
          .append(cell(outcome.labelled().label()))
          .append(" | ")
          .append(outcome.labelled().expected() ? "fire" : "silent")
          .append(" | ")
          .append(outcome.fired() ? "fires" : "silent")
          .append(" | ")
          .append(explanation == null ? "**UNEXPLAINED**" : cell(explanation.reason()))
          .append(" |\n");
    }

    out.append("\n## Labels the pack does not cover\n\n| corpus | label | row | cases | why |\n")
        .append("|---|---|---|---|---|\n");
    outcomes.stream()
        .filter(o -> !o.mapping().covered())
        .collect(
            Collectors.groupingBy(
                o -> o.labelled().corpus() + "\t" + o.labelled().label(),
                TreeMap::new,
                Collectors.toList()))
        .forEach(
            (label, list) -> {
              Mapping mapping = list.get(0).mapping();
              out.append("| ")
                  .append(mapping.corpus())
                  .append(" | ")
                  .append(mapping.label())
                  .append(" | ")
                  .append(mapping.row())
                  .append(" | ")
                  .append(list.size())
                  .append(" | ")
                  .append(
                      mapping.row() == 48
                          ? "Tor exit-node activity needs a threat-intelligence feed (Panther"
                              + " enriches `p_enrichment.tor_exit_nodes`); a Sigma rule cannot"
                              + " carry the list."
                          : "")
                  .append(" |\n");
            });

    out.append("\n## Real, unlabelled traffic: audit2rbac demo (37 events)\n\n")
        .append(
            "`system:admin` impersonating `bob`, mostly 403s. Rules that fire (a quiet pack"
                + " fires little here: 403s alone are left to the correlation rules, and the"
                + " impersonated identity is not privileged):\n\n");
    if (realTrafficMatches.isEmpty()) {
      out.append("- none\n");
    } else {
      realTrafficMatches.forEach(
          (rule, count) -> out.append("- `").append(rule).append("`: ").append(count).append("\n"));
    }
    out.append(
        "\nCorrelation rules (`rules/correlations/`) are not replayed here: the labelled corpora"
            + " are single events, and this engine does not evaluate correlations yet. Panther's"
            + " counting rules (bulk secret access, multiple 403s) are compared on their unit"
            + " events against the pack's single-event rules for the same row.\n");
    return out.toString();
  }

  private long count(String corpus) {
    return outcomes.stream().filter(o -> o.labelled().corpus().equals(corpus)).count();
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
