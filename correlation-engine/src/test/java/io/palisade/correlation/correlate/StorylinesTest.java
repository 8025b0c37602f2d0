package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.detect.BuiltInRulePack;
import io.palisade.correlation.detect.Detection;
import io.palisade.correlation.detect.Detections;
import io.palisade.correlation.sigma.SigmaCorrelationRule;
import io.palisade.correlation.sigma.SigmaRule;
import io.palisade.correlation.sigma.SigmaRuleSet;
import io.palisade.correlation.support.CorrelationHarness;
import io.palisade.correlation.support.TestSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Storylines: the built-in file, the loader's refusals, and matching in the topology. */
class StorylinesTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");
  private static final Storylines BUILT_IN = Storylines.builtIn();

  private CorrelationHarness harness = new CorrelationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  static Stream<Storyline> builtIn() {
    return BUILT_IN.all().stream();
  }

  @Test
  void theBuiltInFileHasTheFiveStorylinesWithTheirTitlesAndFloors() {
    assertThat(BUILT_IN.all())
        .extracting(s -> s.id() + " | " + s.title() + " | " + s.severity())
        .containsExactly(
            "rbac-escalation-then-shell | RBAC escalation followed by an interactive shell"
                + " | CRITICAL",
            "privileged-pod-refused-then-escape | Privileged pod refused, then container escape at"
                + " runtime | CRITICAL",
            "sa-token-read-then-api-use | Service-account token read in a container, then API calls"
                + " with it | HIGH",
            "exec-then-secret-reads | Exec into a pod, then secret reads | HIGH",
            "rbac-change-then-new-workload | New workload by a user who just changed RBAC | HIGH");
  }

  @Test
  void everyRuleIdOfTheBuiltInStorylinesIsARealRule() {
    SigmaRuleSet pack =
        SigmaRuleSet.load(BuiltInRulePack.read(StorylinesTest.class.getClassLoader()));
    Set<String> known = new HashSet<>();
    pack.detections().stream().map(SigmaRule::id).forEach(known::add);
    pack.correlations().stream().map(SigmaCorrelationRule::id).forEach(known::add);
    Detections.standard().all().stream().map(Detection::ruleId).forEach(known::add);

    Set<String> used = new HashSet<>();
    BUILT_IN.all().forEach(s -> s.steps().forEach(step -> used.addAll(step.rules())));

    assertThat(used).hasSizeGreaterThan(40);
    assertThat(known).containsAll(used);
  }

  @ParameterizedTest
  @MethodSource("builtIn")
  void eachStorylineMatchesItsStepsInOrder(Storyline storyline) {
    Incident incident = last(harness.send(stepSignals(storyline, false)));

    assertThat(incident.getStorylines()).contains(storyline.id());
    assertThat(incident.getSeverity()).isGreaterThanOrEqualTo(storyline.severity());
    Storyline named = BUILT_IN.get(incident.getStoryline()).orElseThrow();
    assertThat(named.severity()).isGreaterThanOrEqualTo(storyline.severity());
    assertThat(incident.getTitle()).isEqualTo(named.title() + " by alice");
  }

  @ParameterizedTest
  @MethodSource("builtIn")
  void eachStorylineIsNotMatchedInTheWrongOrder(Storyline storyline) {
    Incident incident = last(harness.send(stepSignals(storyline, true)));

    assertThat(incident.getSignalCount()).isEqualTo(storyline.steps().size());
    assertThat(incident.getStorylines()).doesNotContain(storyline.id());
    assertThat(incident.getTitle()).doesNotStartWith(storyline.title());
  }

  @Test
  void titleAndFloorOfTheRbacEscalationThenShell() {
    Storyline storyline = BUILT_IN.get("rbac-escalation-then-shell").orElseThrow();

    Incident incident = last(harness.send(stepSignals(storyline, false)));

    // both signals are MEDIUM (score below CRITICAL): the storyline's floor raises it
    assertThat(incident.getScore()).isLessThan(IncidentScore.CRITICAL_FROM);
    assertThat(incident.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(incident.getStoryline()).isEqualTo("rbac-escalation-then-shell");
    assertThat(incident.getTitle())
        .isEqualTo("RBAC escalation followed by an interactive shell by alice");
  }

  @Test
  void eventTimeOrderCountsNotArrivalOrder() {
    Storyline storyline = BUILT_IN.get("exec-then-secret-reads").orElseThrow();
    Signal[] inOrder = stepSignals(storyline, false);

    Incident incident = last(harness.send(inOrder[1], inOrder[0]));

    assertThat(incident.getStorylines()).contains("exec-then-secret-reads");
  }

  @Test
  void matchingWorksAfterTheTimelineWasTruncated() {
    harness.close();
    harness = new CorrelationHarness(CorrelationSettings.defaults().withTimelineLimit(1));
    Storyline storyline = BUILT_IN.get("exec-then-secret-reads").orElseThrow();
    Signal[] steps = stepSignals(storyline, false);

    harness.send(signal("earlier").at(T0.minusSeconds(30)).actor("alice").build());
    Incident incident = last(harness.send(steps));

    assertThat(incident.getSignals()).hasSize(1);
    assertThat(incident.getSignals().get(0).getId()).isEqualTo("earlier");
    assertThat(incident.getStorylines()).containsExactly("exec-then-secret-reads");
  }

  @Test
  void stepsFartherApartThanWithinDoNotMatch() {
    Storyline storyline = BUILT_IN.get("exec-then-secret-reads").orElseThrow();
    Signal[] steps = stepSignals(storyline, false);
    Signal late =
        Signal.newBuilder(steps[1])
            .setEventTime(T0.plus(storyline.within()).plusSeconds(1))
            .build();

    harness.send(steps[0]);
    // keeps the incident linked across the gap (alice within the window of both)
    harness.send(signal("between").at(T0.plus(Duration.ofMinutes(20))).actor("alice").build());
    Incident incident = last(harness.send(late));

    assertThat(incident.getSignalCount()).isEqualTo(3);
    assertThat(incident.getStorylines()).isEmpty();
  }

  @Test
  void aMergeCompletesAStoryline() {
    Storyline storyline = BUILT_IN.get("privileged-pod-refused-then-escape").orElseThrow();
    Signal refused =
        signalFor(storyline.steps().get(0), "refused", T0)
            .actor("mallory")
            .entity(io.palisade.avro.EntityKind.WORKLOAD, "shop/Deployment/web")
            .build();
    Signal escape =
        signalFor(storyline.steps().get(1), "escape", T0.plusSeconds(120))
            .pod("shop/web-7d9f8c6b5-x2x4z")
            .build();
    harness.send(refused, escape);
    assertThat(harness.latest()).hasSize(2);

    // the pod's workload bridges the two
    Incident merged =
        harness
            .send(
                signal("bridge")
                    .at(T0.plusSeconds(150))
                    .pod("shop/web-7d9f8c6b5-x2x4z")
                    .entity(io.palisade.avro.EntityKind.WORKLOAD, "shop/Deployment/web")
                    .build())
            .get(0)
            .value();

    assertThat(merged.getStorylines()).containsExactly("privileged-pod-refused-then-escape");
    assertThat(merged.getTitle())
        .isEqualTo("Privileged pod refused, then container escape at runtime by mallory");
  }

  @Test
  void anExtraFileAddsStorylines(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("extra.yml");
    Files.writeString(
        file,
        """
        storylines:
          - id: probe-then-exec
            title: Probing followed by exec
            severity: MEDIUM
            within: 5m
            steps:
              - tactics: [TA0007]
              - rules: [f56e987c-9bce-5d09-beee-571dedbe0028]
                sources: [AUDIT]
        """);

    Storylines storylines = Storylines.builtInPlus(file);

    assertThat(storylines.all()).hasSize(6);
    Storyline extra = storylines.get("probe-then-exec").orElseThrow();
    assertThat(extra.within()).isEqualTo(Duration.ofMinutes(5));
    assertThat(extra.steps().get(0).tactics()).containsExactly("TA0007");
  }

  @Test
  void theLoaderNamesTheFileTheStorylineAndTheProblem() {
    assertRefused(
        "storylines:\n  - id: a\n    severity: HIGH\n    steps: [{rules: [x]}, {rules: [y]}]\n",
        "f.yml: storyline a: 'title' is required");
    assertRefused(
        "storylines:\n  - id: a\n    title: A\n    severity: URGENT\n"
            + "    steps: [{rules: [x]}, {rules: [y]}]\n",
        "f.yml: storyline a: unknown severity 'URGENT'");
    assertRefused(
        "storylines:\n  - id: a\n    title: A\n    severity: HIGH\n    steps: [{rules: [x]}]\n",
        "f.yml: storyline a: 'steps' must be a list of at least two steps");
    assertRefused(
        "storylines:\n  - id: a\n    title: A\n    severity: HIGH\n"
            + "    steps: [{rules: [x]}, {sources: [KERNEL]}]\n",
        "f.yml: storyline a: step 2: unknown source 'KERNEL'");
    assertRefused(
        "storylines:\n  - id: a\n    title: A\n    severity: HIGH\n"
            + "    steps: [{rules: [x]}, {rule: [y]}]\n",
        "f.yml: storyline a: step 2: unknown key 'rule'");
    assertRefused(
        "storylines:\n  - id: a\n    title: A\n    severity: HIGH\n    within: soon\n"
            + "    steps: [{rules: [x]}, {rules: [y]}]\n",
        "f.yml: storyline a: 'within' must be a positive duration");
    assertRefused(
        "storylines:\n  - {id: a, title: A, severity: HIGH, steps: [{rules: [x]}, {rules: [y]}]}\n"
            + "  - {id: a, title: B, severity: LOW, steps: [{rules: [x]}, {rules: [y]}]}\n",
        "f.yml: storyline a: the id is defined more than once");
    assertRefused("storylines: [\n", "f.yml: not valid YAML");
    assertRefused("rules: []\n", "f.yml: expected a mapping with a 'storylines' list");
  }

  @Test
  void anExtraStorylineMayNotReuseABuiltInId(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("clash.yml");
    Files.writeString(
        file,
        "storylines:\n  - {id: exec-then-secret-reads, title: X, severity: LOW,"
            + " steps: [{rules: [x]}, {rules: [y]}]}\n");

    assertThatThrownBy(() -> Storylines.builtInPlus(file))
        .isInstanceOf(StorylineException.class)
        .hasMessageContaining("clash.yml: storyline exec-then-secret-reads: the id is defined");
  }

  private static void assertRefused(String yaml, String message) {
    assertThatThrownBy(() -> StorylineLoader.parse("f.yml", yaml))
        .isInstanceOf(StorylineException.class)
        .hasMessageContaining(message);
  }

  /**
   * One signal per step of the storyline, each satisfying the step's criteria with the first of its
   * rules (the storyline's own, where others share it), all by alice on one pod, a minute apart;
   * reversed: the last step first.
   */
  private static Signal[] stepSignals(Storyline storyline, boolean reversed) {
    List<Storyline.Step> steps = storyline.steps();
    Signal[] signals = new Signal[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      int position = reversed ? steps.size() - 1 - i : i;
      signals[i] =
          signalFor(
                  steps.get(i), storyline.id() + "-step-" + (i + 1), T0.plusSeconds(60L * position))
              .actor("alice")
              .pod("shop/web")
              .build();
    }
    return signals;
  }

  private static TestSignals signalFor(Storyline.Step step, String id, Instant at) {
    TestSignals signal = signal(id).at(at).severity(Severity.MEDIUM);
    if (!step.rules().isEmpty()) {
      signal.rule(
          step.rules().stream()
              .filter(r -> !r.contains("."))
              .sorted()
              .findFirst()
              .orElse(step.rules().iterator().next()));
    }
    if (!step.tactics().isEmpty()) {
      signal.tactic(step.tactics().get(0) + " Tactic");
    }
    if (!step.sources().isEmpty()) {
      signal.source(step.sources().iterator().next());
    } else {
      signal.source(EvidenceSource.AUDIT);
    }
    return signal;
  }

  private static Incident last(List<TestRecord<String, Incident>> records) {
    assertThat(records).isNotEmpty();
    return records.get(records.size() - 1).value();
  }
}
