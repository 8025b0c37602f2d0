package io.palisade.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpLoadGeneratorTest {

  private HttpServer server;
  private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
  private final AtomicInteger received = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(serverThreads);
    server.createContext(
        "/ok",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/every-third-fails",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          boolean fail = received.incrementAndGet() % 3 == 0;
          byte[] body = "{\"reason\":\"kafka-unavailable\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(fail ? 503 : 200, fail ? body.length : -1);
          if (fail) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void stopsAfterMaxRequestsAndCountsTheEventsOfEachAnsweredRequest() {
    try (HttpLoadGenerator load =
        new HttpLoadGenerator(
            uri("/ok"), "application/json", List.of(new byte[] {'{', '}'}), 400, 3)) {
      HttpResult result = load.phase(Duration.ofSeconds(20), 30);

      assertThat(result.requests()).isEqualTo(30);
      assertThat(result.events()).isEqualTo(12_000);
      assertThat(result.failedRequests()).isZero();
      assertThat(received).hasValue(30);
      assertThat(result.latency().max()).isPositive();
      assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void countsFailuresByStatusAndKeepsTheFirstAnswer() {
    try (HttpLoadGenerator load =
        new HttpLoadGenerator(
            uri("/every-third-fails"), "application/json", List.of(new byte[] {'{', '}'}), 1, 1)) {
      HttpResult result = load.phase(Duration.ofSeconds(20), 9);

      assertThat(result.requests()).isEqualTo(6);
      assertThat(result.failures()).containsEntry(503, 3L);
      assertThat(result.firstFailure()).contains("503").contains("kafka-unavailable");
    }
  }

  @Test
  void stopsAfterItsDurationWhenTheCountIsNotReached() {
    try (HttpLoadGenerator load =
        new HttpLoadGenerator(
            uri("/ok"), "application/json", List.of(new byte[] {'{', '}'}), 1, 2)) {
      HttpResult result = load.phase(Duration.ofMillis(300), Long.MAX_VALUE);

      assertThat(result.requests()).isPositive();
      assertThat(result.elapsed()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
    }
  }
}
