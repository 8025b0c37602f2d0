package io.palisade.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicProvisioner;
import io.palisade.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline on a real broker: the demo attack is posted to the three HTTP intakes (an
 * AdmissionReview, an audit EventList, a Falco alert) and exactly one incident, carrying the
 * evidence of all three sources in time order, reaches a local HTTP receiver.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PipelineEndToEndIT {

  private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private static HttpServer receiver;
  private static RunningPalisade palisade;

  @BeforeAll
  static void startPalisade() throws IOException {
    String bootstrap = KafkaBrokerExtension.bootstrapServers();
    TopicProvisioner.ensureTopics(bootstrap, PalisadeTopics.withDefaultNames(), 1, (short) 1);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    JsonMapper json = JsonMapper.builder().build();
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            received.add(json.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
          }
        });
    receiver.start();
    Path stateDir = Files.createTempDirectory("palisade-e2e-streams-");
    palisade =
        RunningPalisade.start(
            new LaunchSettings(
                bootstrap,
                true,
                "e2e",
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                stateDir,
                Map.of()));
  }

  @AfterAll
  static void stopPalisade() {
    if (palisade != null) {
      palisade.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void turnsEvidenceFromAllThreeIntakesIntoOneIncidentAtTheReceiver() {
    Instant before = Instant.now();
    new DemoAttack(Clock.systemUTC()).replay(palisade, step -> {});

    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> received.stream().anyMatch(DemoExpectation::isComplete));

    assertThat(received)
        .extracting(incident -> incident.path("id").asString())
        .containsOnly(received.get(0).path("id").asString());
    assertThat(received)
        .extracting(incident -> incident.path("cluster").asString())
        .containsOnly("e2e");
    assertThat(received)
        .extracting(incident -> incident.path("version").asLong())
        .as("every delivered version is newer than the one before")
        .isSorted()
        .doesNotHaveDuplicates();

    JsonNode incident = received.get(received.size() - 1);
    List<JsonNode> signals = List.copyOf(incident.path("signals").valueStream().toList());
    // the binding a minute before, the refused pod, the exec, the shell: each source may give more
    // than one signal (the built-in pack has a specific and a general rule for some evidence)
    assertThat(signals)
        .extracting(signal -> signal.path("source").asString())
        .containsSubsequence("AUDIT", "ADMISSION", "AUDIT", "RUNTIME");
    assertThat(signals)
        .extracting(signal -> signal.path("title").asString())
        .contains(
            "Binding To cluster-admin Or Another Privileged Role Created",
            "Exec Or Attach Into A Pod",
            "Falco: Interactive Shell In A Container");
    assertThat(signals)
        .extracting(signal -> Instant.parse(signal.path("eventTime").asString()))
        .isSorted()
        .allSatisfy(time -> assertThat(time).isAfter(before.minusSeconds(120)));
    assertThat(incident.path("signalCount").asInt()).isEqualTo(signals.size());
    assertThat(
            incident
                .path("entities")
                .valueStream()
                .map(e -> e.path("kind").asString() + ":" + e.path("name").asString()))
        .contains("ACTOR:alice", "POD:shop/web-7d9f", "POD:shop/debug-root");
  }
}
