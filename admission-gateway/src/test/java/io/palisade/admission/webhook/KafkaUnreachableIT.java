package io.palisade.admission.webhook;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;
import static io.palisade.admission.AdmissionFixtures.uid;
import static io.palisade.admission.AdmissionFixtures.withFreshUid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * With Kafka unreachable (a closed port on 127.0.0.1) the gateway still answers every review at
 * once: the publisher's sender thread waits up to max-block (6 s) for Kafka, the response never.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=admission-gateway",
      "palisade.intake.tls.enabled=false",
      "palisade.admission.publish.max-in-flight=1",
      "palisade.admission.publish.max-block=6s",
      "palisade.admission.publish.drain-timeout=100ms"
    })
class KafkaUnreachableIT {

  /** Far below max-block: an answer that waited for Kafka could not arrive this fast. */
  private static final Duration FAST = Duration.ofSeconds(3);

  @DynamicPropertySource
  static void unreachableKafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answersAtOnceAndCountsTheDecisionsItCouldNotPublish() throws Exception {
    JsonNode denied = validate(withFreshUid(review("pod-create-privileged")));
    JsonNode allowed = validate(withFreshUid(review("deployment-create-compliant")));
    JsonNode deniedAgain = validate(withFreshUid(review("pod-update-ephemeral-privileged")));

    assertThat(denied.path("allowed").booleanValue()).isFalse();
    assertThat(allowed.path("allowed").booleanValue()).isTrue();
    assertThat(deniedAgain.path("allowed").booleanValue()).isFalse();
    assertThat(get("/actuator/health/readiness").statusCode())
        .as("an unreachable Kafka does not take the gateway out of service")
        .isEqualTo(200);
    // the first decision holds the only in-flight slot while its send waits for Kafka
    assertThat(publishOutcome("dropped")).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(publishOutcome("failed")).isEqualTo(1));
    assertThat(publishOutcome("published")).isZero();
    assertThat(meters.get("palisade.admission.publish.in.flight").gauge().value()).isZero();
  }

  private JsonNode validate(ObjectNode review) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode response = JSON.readTree(answer.body()).path("response");
    assertThat(response.path("uid").stringValue()).isEqualTo(uid(review));
    return response;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private double publishOutcome(String outcome) {
    return meters.get("palisade.admission.publish").tag("outcome", outcome).counter().count();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
