package io.palisade.admission.webhook;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;
import static io.palisade.admission.AdmissionFixtures.uid;
import static io.palisade.admission.AdmissionFixtures.withFreshUid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.AdmissionDecision;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.schemas.TopicProvisioner;
import io.palisade.testkit.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kafka goes away and comes back on the same address: meanwhile every review is answered and the
 * decisions that could not be published are counted (the producer keeps those it holds, up to its
 * delivery timeout, and delivers them when Kafka is back); afterwards publishing resumes by itself,
 * with nothing restarted or reset.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=admission-gateway",
      "palisade.intake.tls.enabled=false",
      "palisade.admission.publish.max-in-flight=2",
      "palisade.admission.publish.max-block=1s",
      "palisade.admission.publish.drain-timeout=100ms",
      "logging.level.kafka=ERROR",
      "logging.level.org.apache.kafka=ERROR"
    })
class KafkaOutageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames(
              null, "admission-outage-it.admission", null, null, null, null, null, null));
  private static final int PORT = freePort();
  private static final int CONTROLLER_PORT = freePort();

  @TempDir static Path dataDir;
  private static volatile EmbeddedKafkaBroker broker;

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBroker() {
    broker = startBrokerOnTheSameAddress();
    TopicProvisioner.ensureTopics(broker.bootstrapServers(), TOPICS, 1, (short) 1);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
    registry.add("palisade.topics.admission", () -> TOPICS.admission().name());
  }

  @Test
  void answersThroughAnOutageCountsTheLossAndPublishesAgainAfterwards() throws Exception {
    ObjectNode before = withFreshUid(review("deployment-create-compliant"));
    validate(before);
    await().atMost(PATIENCE).until(() -> outcome("published") >= 1);

    broker.close();
    for (int i = 0; i < 10; i++) {
      assertThat(validate(withFreshUid(review("pod-create-privileged"))))
          .as("answered while Kafka is down")
          .isEqualTo(200);
    }
    // two decisions wait in the producer for Kafka (in flight), the other eight are dropped
    await().atMost(PATIENCE).until(() -> outcome("dropped") + outcome("failed") >= 1);

    broker = startBrokerOnTheSameAddress();
    // the waiting decisions reach Kafka by themselves, freeing their slots
    await().atMost(PATIENCE).until(() -> inFlight() == 0);
    ObjectNode after = withFreshUid(review("deployment-create-compliant"));
    validate(after);

    try (var reader = new TopicReader<>(broker.bootstrapServers(), TOPICS.admission())) {
      var records =
          reader.awaitRecords(
              read -> read.stream().anyMatch(r -> uid(after).equals(r.value().getId())), PATIENCE);
      assertThat(records).extracting(r -> r.value().getId()).contains(uid(before), uid(after));
      AdmissionDecision published =
          records.stream()
              .filter(r -> uid(after).equals(r.value().getId()))
              .findFirst()
              .orElseThrow()
              .value();
      assertThat(published.getAllowed()).isTrue();
    }
    assertThat(outcome("dropped") + outcome("failed")).isGreaterThanOrEqualTo(1);
  }

  private int validate(ObjectNode review) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(answer.body()).path("response").path("uid").stringValue())
        .isEqualTo(uid(review));
    return answer.statusCode();
  }

  private double outcome(String outcome) {
    return meters.get("palisade.admission.publish").tag("outcome", outcome).counter().count();
  }

  private double inFlight() {
    return meters.get("palisade.admission.publish.in.flight").gauge().value();
  }

  private static EmbeddedKafkaBroker startBrokerOnTheSameAddress() {
    return EmbeddedKafkaBroker.builder()
        .port(PORT)
        .controllerPort(CONTROLLER_PORT)
        .dataDir(dataDir)
        .start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
