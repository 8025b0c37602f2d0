package io.palisade.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: {@code clients} threads, each with its own HTTP/1.1 keep-alive connection
 * (as one API server or one Falco has), post the pre-built requests in turn, each waiting for its
 * answer before sending the next, for as many phases (warm-up, measurement) as the caller runs. The
 * connections are {@link Http11Connection}s, a minimal blocking client, so that the load takes as
 * little CPU as it can from the ingester on the same machine.
 */
public final class HttpLoadGenerator implements AutoCloseable {

  private static final long HIGHEST_LATENCY_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

  private final List<byte[]> requests;
  private final int eventsPerRequest;
  private final List<Http11Connection> connections;
  private final ExecutorService threads;

  /**
   * @param target the intake endpoint, e.g. {@code http://127.0.0.1:8081/v1/audit}
   * @param contentType of the bodies, e.g. {@code application/json}
   * @param bodies the request bodies, sent in turn
   */
  public HttpLoadGenerator(
      URI target, String contentType, List<byte[]> bodies, int eventsPerRequest, int clients) {
    this(target, contentType, bodies, eventsPerRequest, clients, null, null);
  }

  /**
   * @param tls the client context for an {@code https} target (trusting its certificate), or null
   * @param bearerToken sent as {@code Authorization: Bearer …} with every request, or null
   */
  public HttpLoadGenerator(
      URI target,
      String contentType,
      List<byte[]> bodies,
      int eventsPerRequest,
      int clients,
      SSLContext tls,
      String bearerToken) {
    this.requests =
        bodies.stream()
            .map(body -> Http11Connection.post(target, contentType, bearerToken, body))
            .toList();
    this.eventsPerRequest = eventsPerRequest;
    this.connections = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      connections.add(new Http11Connection(target, tls));
    }
    AtomicInteger threadNumber = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            clients,
            task ->
                new Thread(
                    task,
                    CpuMeter.LOAD_THREAD_PREFIX + "client-" + threadNumber.incrementAndGet()));
  }

  /**
   * Sends for {@code duration} or {@code max} requests, whichever comes first, and returns once
   * every request sent has been answered. Connections stay open from one phase to the next.
   */
  public HttpResult phase(Duration duration, long max) {
    AtomicLong issued = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<ClientTally>> tallies = new ArrayList<>();
    for (Http11Connection connection : connections) {
      tallies.add(threads.submit(() -> drive(connection, issued, end, max)));
    }
    ClientTally total = new ClientTally();
    for (Future<ClientTally> tally : tallies) {
      total.add(await(tally));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new HttpResult(
        total.ok,
        total.ok * eventsPerRequest,
        total.failures,
        total.firstFailure,
        elapsed,
        LatencySummary.of(total.latencyMicros));
  }

  private ClientTally drive(Http11Connection connection, AtomicLong issued, long end, long max) {
    ClientTally tally = new ClientTally();
    long n;
    while (System.nanoTime() < end && (n = issued.getAndIncrement()) < max) {
      byte[] request = requests.get((int) (n % requests.size()));
      long sent = System.nanoTime();
      try {
        Http11Connection.Answer answer = connection.exchange(request);
        long micros = (System.nanoTime() - sent) / 1000;
        if (answer.status() == 200) {
          tally.ok++;
          tally.latencyMicros.recordValue(Math.min(micros, HIGHEST_LATENCY_MICROS));
        } else {
          tally.fail(
              answer.status(),
              answer.status() + " " + new String(answer.body(), StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        tally.fail(0, e.toString());
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    return tally;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    connections.forEach(Http11Connection::close);
  }

  private static ClientTally await(Future<ClientTally> tally) {
    try {
      return tally.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the load clients", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
    }
  }

  /** One client's counts; merged after the phase, so nothing is shared while measuring. */
  private static final class ClientTally {
    long ok;
    final Map<Integer, Long> failures = new HashMap<>();
    String firstFailure;
    final Histogram latencyMicros = new Histogram(HIGHEST_LATENCY_MICROS, 3);

    void fail(int status, String what) {
      failures.merge(status, 1L, Long::sum);
      if (firstFailure == null) {
        firstFailure = what.length() > 300 ? what.substring(0, 300) + "…" : what;
      }
    }

    void add(ClientTally other) {
      ok += other.ok;
      other.failures.forEach((status, count) -> failures.merge(status, count, Long::sum));
      if (firstFailure == null) {
        firstFailure = other.firstFailure;
      }
      latencyMicros.add(other.latencyMicros);
    }
  }
}
