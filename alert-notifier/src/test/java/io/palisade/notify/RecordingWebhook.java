package io.palisade.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP receiver on 127.0.0.1 for tests: records every POST and answers from a script per
 * incident id (200 once the script is used up).
 */
public final class RecordingWebhook implements AutoCloseable {

  /** One request as the receiver saw it. */
  public record Request(
      String path,
      String query,
      Map<String, List<String>> headers,
      String body,
      String incidentId,
      Instant receivedAt) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * One scripted answer.
   *
   * @param status the HTTP status
   * @param retryAfter a Retry-After header value, or null
   * @param echo whether the body repeats the request's Authorization header and query (a careless
   *     receiver), to prove that secrets are redacted
   * @param gate when set, the answer waits until it is counted down
   */
  public record Response(int status, String retryAfter, boolean echo, CountDownLatch gate) {

    public static Response status(int status) {
      return new Response(status, null, false, null);
    }

    public Response retryAfter(String value) {
      return new Response(status, value, echo, gate);
    }

    public Response echoingSecrets() {
      return new Response(status, retryAfter, true, gate);
    }

    public Response heldBy(CountDownLatch latch) {
      return new Response(status, retryAfter, echo, latch);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Response>> scripts = new ConcurrentHashMap<>();
  private final Deque<Response> anyRequest = new java.util.concurrent.ConcurrentLinkedDeque<>();

  private RecordingWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static RecordingWebhook start() {
    try {
      return new RecordingWebhook();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test webhook", e);
    }
  }

  /** The receiver's URL with the given path and query, e.g. {@code "/hook?token=abc"}. */
  public URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  /** The answers for the next requests about {@code incidentId}, in order. */
  public void script(String incidentId, Response... responses) {
    scripts.put(incidentId, new ArrayDeque<>(List.of(responses)));
  }

  /**
   * The answers for the next requests that have no script of their own (e.g. bodies without a
   * top-level {@code id}, as Slack's or PagerDuty's), in order.
   */
  public void scriptAny(Response... responses) {
    anyRequest.addAll(List.of(responses));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requestsFor(String incidentId) {
    return requests.stream().filter(r -> incidentId.equals(r.incidentId())).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String incidentId = idOf(body);
      Request request =
          new Request(
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body,
              incidentId,
              Instant.now());
      requests.add(request);
      Deque<Response> script = incidentId == null ? null : scripts.get(incidentId);
      Response response = script == null ? null : script.poll();
      if (response == null) {
        response = anyRequest.poll();
      }
      if (response == null) {
        response = Response.status(200);
      }
      if (response.gate() != null && !response.gate().await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the held response");
      }
      if (response.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", response.retryAfter());
      }
      byte[] answer =
          (response.echo()
                  ? "refused auth="
                      + request.header("Authorization")
                      + " query="
                      + request.query()
                      + " path="
                      + request.path()
                      + " body="
                      + request.body()
                  : "status " + response.status())
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String idOf(String body) {
    try {
      JsonNode id = JSON.readTree(body).get("id");
      return id == null ? null : id.asString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
