package io.palisade.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.palisade.avro.Incident;
import io.palisade.notify.IncidentFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The routing file: loaded at start, replaced when its content changes, a bad change refused. */
class RoutingFileTest {

  private static final List<String> RECEIVERS = List.of("webhook", "slack-soc", "slack-payments");
  private static final Instant NOW = Instant.parse("2026-11-27T14:00:00Z");

  /** exec-reverse-shell: CRITICAL, namespace shop. */
  private static final Incident CRITICAL = IncidentFixtures.incident("exec-reverse-shell");

  private static final String TO_SOC =
      """
      receivers: [webhook]
      routes:
        - name: critical
          matchers: ["severity>=HIGH"]
          receivers: [slack-soc]
      """;

  private static final String TO_PAYMENTS =
      """
      receivers: [webhook]
      repeat-interval: 2h
      routes:
        - name: critical
          matchers: ["severity>=HIGH"]
          receivers: [slack-payments]
          repeat-interval: 30m
      """;

  @TempDir Path dir;

  private final List<String> applied = new ArrayList<>();
  private final List<List<String>> rejected = new ArrayList<>();
  private final RoutingFile.Listener listener =
      new RoutingFile.Listener() {
        @Override
        public void applied(Path file, String sha256) {
          applied.add(sha256);
        }

        @Override
        public void rejected(Path file, List<String> problems) {
          rejected.add(problems);
        }
      };

  private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(RoutingFile.class);

  @BeforeEach
  void captureLogs() {
    logLines.start();
    logger.addAppender(logLines);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(logLines);
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("routing.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static List<String> receiversOf(RoutingFile routing) {
    return List.copyOf(routing.tree().route(RoutingSubject.of(CRITICAL), NOW).receivers());
  }

  private List<ILoggingEvent> errors() {
    return logLines.list.stream().filter(line -> line.getLevel() == Level.ERROR).toList();
  }

  @Test
  void loadsTheTreeAtStart() throws IOException {
    RoutingFile routing = RoutingFile.load(write(TO_SOC), RECEIVERS, listener);

    assertThat(receiversOf(routing)).containsExactly("slack-soc");
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.UNCHANGED);
    assertThat(applied).isEmpty();
  }

  @Test
  void replacesTheTreeWhenTheContentChanges() throws IOException {
    Path file = write(TO_SOC);
    RoutingFile routing = RoutingFile.load(file, RECEIVERS, listener);

    Files.writeString(file, TO_PAYMENTS);

    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.APPLIED);
    assertThat(receiversOf(routing)).containsExactly("slack-payments");
    RoutingDecision decision = routing.tree().route(RoutingSubject.of(CRITICAL), NOW);
    assertThat(decision.repeatInterval("slack-payments")).hasMinutes(30);
    assertThat(applied).hasSize(1);
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.UNCHANGED);
    assertThat(applied).hasSize(1);
  }

  @Test
  void aChangeNamingAnUnconfiguredReceiverKeepsTheRunningTree() throws IOException {
    Path file = write(TO_SOC);
    RoutingFile routing = RoutingFile.load(file, RECEIVERS, listener);

    Files.writeString(file, TO_SOC.replace("[slack-soc]", "[slack-secops]"));

    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.REJECTED);
    assertThat(receiversOf(routing)).containsExactly("slack-soc");
    assertThat(rejected)
        .containsExactly(
            List.of(
                "route 'root/critical': receiver 'slack-secops' is not configured (configured:"
                    + " [slack-payments, slack-soc, webhook])"));
    // one clear error: the file, the route and the problem
    assertThat(errors()).hasSize(1);
    assertThat(errors().get(0).getFormattedMessage())
        .contains(file.toString())
        .contains("the running routing tree stays in use")
        .contains("route 'root/critical': receiver 'slack-secops' is not configured");

    // the same bad content is not reported again at every poll …
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.UNCHANGED);
    assertThat(rejected).hasSize(1);
    assertThat(errors()).hasSize(1);

    // … and a fixed file is applied
    Files.writeString(file, TO_PAYMENTS);
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.APPLIED);
    assertThat(receiversOf(routing)).containsExactly("slack-payments");
  }

  @Test
  void badMatchersYamlAndDeletionKeepTheRunningTree() throws IOException {
    Path file = write(TO_SOC);
    RoutingFile routing = RoutingFile.load(file, RECEIVERS, listener);

    Files.writeString(file, TO_SOC.replace("severity>=HIGH", "severity>=SEVERE"));
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.REJECTED);
    Files.writeString(file, TO_SOC.replace("matchers:", "matcher:"));
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.REJECTED);
    Files.writeString(file, "receivers: [webhook\n");
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.REJECTED);
    Files.delete(file);
    assertThat(routing.check()).isEqualTo(RoutingFile.Outcome.REJECTED);

    assertThat(receiversOf(routing)).containsExactly("slack-soc");
    assertThat(rejected).hasSize(4);
    assertThat(rejected.get(0).get(0))
        .startsWith("route 'root/critical': matcher 'severity>=SEVERE': unknown severity");
    assertThat(rejected.get(1).get(0)).startsWith("routes[0]: unknown key 'matcher'");
    assertThat(rejected.get(2).get(0)).startsWith("not valid YAML");
    assertThat(rejected.get(3)).containsExactly("cannot read the file: no such file");
    assertThat(applied).isEmpty();
  }

  @Test
  void anInvalidFileAtStartStopsTheServiceNamingTheFileAndEveryProblem() throws IOException {
    Path file =
        write(
            TO_SOC
                .replace("[slack-soc]", "[pagerduty]")
                .replace("severity>=HIGH", "severity>=SEVERE"));

    assertThatThrownBy(() -> RoutingFile.load(file, RECEIVERS, listener))
        .isInstanceOf(RoutingFile.InvalidRoutingFileException.class)
        .hasMessageContaining("invalid routing file " + file)
        .hasMessageContaining("route 'root/critical': matcher 'severity>=SEVERE'")
        .hasMessageContaining("route 'root/critical': receiver 'pagerduty' is not configured");
    assertThatThrownBy(() -> RoutingFile.load(dir.resolve("missing.yaml"), RECEIVERS, listener))
        .hasMessageContaining("cannot read the file: no such file");
  }
}
