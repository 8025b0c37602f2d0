package io.palisade.allinone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook receiver all-in-one points the alert notifier at when no other is configured: a small
 * HTTP server on 127.0.0.1 that accepts the notifier's JSON and hands each incident to a consumer
 * (print it, or wait for it in the demo).
 */
final class IncidentInbox implements AutoCloseable {

  static final String PATH = "/incidents";
  private static final Logger log = LoggerFactory.getLogger(IncidentInbox.class);
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private final HttpServer server;
  private final JsonMapper json = JsonMapper.builder().build();

  private IncidentInbox(HttpServer server) {
    this.server = server;
  }

  /** Starts listening on 127.0.0.1:{@code port} (0 = any free port). */
  static IncidentInbox start(int port, Consumer<JsonNode> onIncident) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    IncidentInbox inbox = new IncidentInbox(server);
    server.createContext(PATH, exchange -> inbox.receive(exchange, onIncident));
    server.setExecutor(Executors.newSingleThreadExecutor(r -> new Thread(r, "incident-inbox")));
    server.start();
    return inbox;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  private void receive(HttpExchange exchange, Consumer<JsonNode> onIncident) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY);
      }
      JsonNode incident;
      try {
        incident = json.readTree(body);
      } catch (JacksonException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      try {
        onIncident.accept(incident);
      } catch (RuntimeException e) {
        log.warn("handling incident {} failed: {}", incident.path("id").asString(), e.toString());
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
