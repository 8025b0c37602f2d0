package io.palisade.benchmarks.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's minimal client against the JDK's HTTP server. */
class Http11ConnectionTest {

  private HttpServer server;
  private final ExecutorService serverThreads = Executors.newFixedThreadPool(2);
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(serverThreads);
    server.createContext(
        "/echo",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          seen.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(body, UTF_8));
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/chunked",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(503, 0); // 0: chunked
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"reason\":".getBytes(UTF_8));
            out.flush();
            out.write("\"kafka-unavailable\"}".getBytes(UTF_8));
          }
        });
    server.createContext(
        "/close",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Connection", "close");
          exchange.sendResponseHeaders(200, -1);
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
  void sendsThePreBuiltRequestAsItIsAndReadsTheAnswerOnOneConnection() throws IOException {
    URI echo = uri("/echo?x=1");
    try (Http11Connection connection = new Http11Connection(echo, null)) {
      for (int i = 0; i < 3; i++) {
        byte[] request =
            Http11Connection.post(
                echo, "application/json", "t0ken", ("{\"n\":" + i + "}").getBytes(UTF_8));
        Http11Connection.Answer answer = connection.exchange(request);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), UTF_8)).isEqualTo("{\"n\":" + i + "}");
      }
    }
    assertThat(seen)
        .containsExactly(
            "POST /echo?x=1 application/json Bearer t0ken {\"n\":0}",
            "POST /echo?x=1 application/json Bearer t0ken {\"n\":1}",
            "POST /echo?x=1 application/json Bearer t0ken {\"n\":2}");
  }

  @Test
  void readsAChunkedAnswer() throws IOException {
    URI chunked = uri("/chunked");
    try (Http11Connection connection = new Http11Connection(chunked, null)) {
      Http11Connection.Answer answer =
          connection.exchange(Http11Connection.post(chunked, "text/plain", null, new byte[1]));
      assertThat(answer.status()).isEqualTo(503);
      assertThat(new String(answer.body(), UTF_8)).isEqualTo("{\"reason\":\"kafka-unavailable\"}");
    }
  }

  @Test
  void opensANewConnectionAfterTheServerClosedOne() throws IOException {
    URI close = uri("/close");
    try (Http11Connection connection = new Http11Connection(close, null)) {
      for (int i = 0; i < 3; i++) {
        assertThat(
                connection
                    .exchange(Http11Connection.post(close, "text/plain", null, new byte[] {'x'}))
                    .status())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void reportsAServerThatIsNotThere() {
    URI nowhere = URI.create("http://127.0.0.1:1/none");
    try (Http11Connection connection = new Http11Connection(nowhere, null)) {
      assertThatThrownBy(
              () -> connection.exchange(Http11Connection.post(nowhere, "a/b", null, new byte[0])))
          .isInstanceOf(IOException.class);
    }
  }
}
