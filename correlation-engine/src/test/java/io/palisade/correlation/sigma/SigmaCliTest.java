package io.palisade.correlation.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The command line, run in-process. */
class SigmaCliTest {

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SigmaCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The SigmaHQ rules and the view rules together in one directory. */
  private static Path rules(Path dir) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    for (String source : List.of("sigmahq/rules", "views")) {
      try (Stream<Path> files = Files.list(SigmaResources.path(source))) {
        for (Path file : files.filter(path -> path.toString().endsWith(".yml")).toList()) {
          Files.copy(file, rules.resolve(file.getFileName()));
        }
      }
    }
    return rules;
  }

  /**
   * An exec audit event, a secret read, the Falco alert and the admission decision, one per line.
   */
  private static Path events(Path dir, String... extraLines) throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    List<String> lines = new ArrayList<>();
    String exec =
        Files.readAllLines(
                SigmaResources.path("sigmahq/cases/kubernetes_audit_exec_into_container.ndjson"))
            .get(0);
    lines.add(mapper.readTree(exec).get("event").toString());
    lines.add(
        "{\"kind\":\"Event\",\"auditID\":\"a-1\",\"verb\":\"get\",\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"shop\",\"name\":\"db\"},\"user\":{\"username\":\"bob\"},\"responseStatus\":{\"code\":200}}");
    lines.add(Files.readString(SigmaResources.path("views/falco_alert.json")).strip());
    lines.add(Files.readString(SigmaResources.path("views/admission_decision.json")).strip());
    lines.addAll(List.of(extraLines));
    return Files.write(dir.resolve("events.ndjson"), lines);
  }

  @Test
  void printsTheMatchesOfEachEvent(@TempDir Path dir) throws IOException {
    Result result = run("--rules", rules(dir).toString(), "--events", events(dir).toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("loaded 18 rule(s)")
        .contains(
            ":1 [audit] create pods/exec default/nginx-deployment-7998647bdf-phvq7 by minikube-user: 1 match(es)")
        .contains(
            "  MATCH medium 'Potential Remote Command Execution In Pod Container' (a1b0ca4e-7835-413e-8471-3ff2b8a66be6)")
        .contains(":2 [audit] get secrets shop/db by bob: 0 match(es)")
        .contains(":3 [falco] Notice Terminal shell in container: 1 match(es)")
        .contains(":4 [admission] CREATE Pod shop/evil allowed=false: 1 match(es)")
        .contains("4 event(s), 3 with matches, 0 unreadable line(s)")
        .doesNotContain("  no ");
  }

  @Test
  void explainSaysWhyRulesDidNotMatch(@TempDir Path dir) throws IOException {
    Result result =
        run("--rules", rules(dir).toString(), "--events", events(dir).toString(), "--explain");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("  no    'Kubernetes Secrets Enumeration' (eeb3e9e1-b685-44e4-9232-6bb701f925b5)")
        .contains("failed: verb 'list'; event has 'get'")
        .contains("(not evaluated in detection: the index ruled it out)")
        .contains("failed: responseStatus.code one of ['401', '403']; event has 200");
  }

  @Test
  void unreadableEventLinesAreReportedAndTheRestEvaluated(@TempDir Path dir) throws IOException {
    Result result =
        run(
            "--rules",
            rules(dir).toString(),
            "--events",
            events(dir, "{broken", "{\"what\":1}").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("events.ndjson:5: not valid JSON")
        .contains("events.ndjson:6: not recognised");
    assertThat(result.out()).contains("4 event(s), 3 with matches, 2 unreadable line(s)");
  }

  @Test
  void ruleErrorsExitWithOne(@TempDir Path dir) throws IOException {
    Path rules = rules(dir);
    Files.writeString(
        rules.resolve("zz_bad.yml"),
        "title: Bad\nlogsource:\n  product: kubernetes\n  service: audit\ndetection:\n  s:\n    verb|windash: x\n  condition: s\n");
    Result result = run("--rules", rules.toString(), "--events", events(dir).toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("zz_bad.yml:7: rule 'Bad'").contains("windash");
    assertThat(result.out()).doesNotContain("match(es)");
  }

  @Test
  void usageErrorsExitWithTwo(@TempDir Path dir) throws IOException {
    assertThat(run("--rules", dir.toString()).exitCode()).isEqualTo(2);
    assertThat(run("--frobnicate").err()).contains("unknown argument '--frobnicate'");
    assertThat(run("--help").exitCode()).isZero();
    Result forced =
        run(
            "--rules",
            rules(dir).toString(),
            "--events",
            events(dir).toString(),
            "--logsource",
            "falco");
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).contains("4 event(s), 1 with matches");
  }
}
