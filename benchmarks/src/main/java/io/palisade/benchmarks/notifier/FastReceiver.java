package io.palisade.benchmarks.notifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fastest receiver a notifier can have: a JDK HTTP server on 127.0.0.1 that reads the body and
 * answers 200 with no body at once. It remembers when each {@code Idempotency-Key} ({@code
 * <incident id>/<version>}) first arrived ({@link System#nanoTime()}), and counts duplicates.
 */
final class FastReceiver implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  private FastReceiver(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static FastReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "fast-receiver");
              thread.setDaemon(true);
              return thread;
            });
    FastReceiver receiver = new FastReceiver(server, executor);
    server.createContext("/", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (InputStream body = exchange.getRequestBody()) {
      body.transferTo(OutputStreamSink.INSTANCE);
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    requests.incrementAndGet();
    if (key != null && firstArrival.putIfAbsent(key, arrived) != null) {
      duplicates.incrementAndGet();
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** When {@code key} first arrived, or null if it has not. */
  Long arrival(String key) {
    return firstArrival.get(key);
  }

  long requests() {
    return requests.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Discards what is written to it. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
