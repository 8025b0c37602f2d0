package io.palisade.audit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.testkit.Fixtures;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The API server must be told to retry, quickly, when Kafka cannot take the batch. */
@SpringBootTest(
    classes = AuditIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=audit-ingester",
      "palisade.kafka.ack-timeout=2s",
      "logging.level.org.apache.kafka=ERROR"
    })
class AuditWebhookKafkaDownIT {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void unreachableKafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
  }

  @Test
  void answers503WithRetryAfterWithinFiveSecondsWhenKafkaIsUnreachable() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audit/it-down"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Fixtures.text("events/exec-pod/input.json")))
            .build();

    long start = System.nanoTime();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(JsonMapper.builder().build().readTree(response.body()).get("reason").asString())
        .isEqualTo("kafka-unavailable");
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
