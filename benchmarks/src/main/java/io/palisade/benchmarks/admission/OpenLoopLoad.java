package io.palisade.benchmarks.admission;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a fixed rate: request {@code i} is due at {@code start + i / rate}, whether or
 * not earlier ones were answered, and its latency is measured from that intended time, not from
 * when it was actually sent. A server that stalls therefore shows the full wait of every request
 * that was due during the stall (no coordinated omission), as the API server's requests would
 * experience it.
 *
 * <p>Due requests are queued to a fixed set of connections: each of {@code connections} worker
 * threads owns one HTTP/1.1 client with one kept-alive TLS connection and sends the next due
 * request as soon as its previous one was answered. A fixed set, rather than a new connection for
 * every request that finds all busy, keeps a momentary stall from turning into a storm of TLS
 * handshakes that would measure the handshakes instead of the gateway; the time a request waits in
 * the queue still counts in its latency.
 */
public final class OpenLoopLoad {

  private static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1000;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN = Duration.ofSeconds(30);

  /** A request that is due: which body, and when it should have been sent. */
  private record Due(int body, long intendedNanos) {}

  private static final Due STOP = new Due(-1, 0);

  private final List<HttpClient> clients;

  /**
   * @param tls the client TLS context (trusting the gateway's certificate)
   * @param connections how many connections (and sender threads) requests are spread over
   */
  public OpenLoopLoad(SSLContext tls, int connections) {
    if (connections < 1) {
      throw new IllegalArgumentException("at least one connection is needed");
    }
    List<HttpClient> built = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      built.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(tls)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
    this.clients = List.copyOf(built);
  }

  /**
   * Sends {@code bodies} in turn to {@code target} at {@code rate} requests per second for {@code
   * duration}, then waits for the outstanding answers.
   *
   * @param bodies AdmissionReview bodies; an answer counts as successful when it is a 200 with an
   *     AdmissionReview response
   */
  public RateResult run(URI target, List<byte[]> bodies, int rate, Duration duration) {
    if (rate <= 0 || bodies.isEmpty()) {
      throw new IllegalArgumentException("a positive rate and at least one body are needed");
    }
    List<HttpRequest> requests =
        bodies.stream()
            .map(
                body ->
                    HttpRequest.newBuilder(target)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build())
            .toList();
    Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    AtomicLong succeeded = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
    AtomicInteger workerNumber = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            clients.size(),
            task -> new Thread(task, "load-sender-" + workerNumber.incrementAndGet()));
    for (HttpClient client : clients) {
      workers.execute(
          () -> {
            while (true) {
              Due due;
              try {
                due = queue.take();
              } catch (InterruptedException e) {
                return;
              }
              if (due == STOP) {
                return;
              }
              send(client, requests.get(due.body()), due, latency, succeeded, failed, firstFailure);
            }
          });
    }
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
    long end = start + duration.toNanos();
    long sent = 0;
    for (long i = 0; ; i++) {
      long intended = start + i * 1_000_000_000L / rate;
      if (intended - end >= 0) {
        break;
      }
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      queue.add(new Due((int) (i % requests.size()), intended));
      sent++;
    }
    long schedulingNanos = System.nanoTime() - start;
    for (int i = 0; i < clients.size(); i++) {
      queue.add(STOP);
    }
    workers.shutdown();
    boolean drained = false;
    try {
      drained = workers.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!drained) {
      workers.shutdownNow();
    }
    long unanswered = sent - succeeded.get() - failed.get();
    return new RateResult(
        rate,
        duration,
        sent,
        succeeded.get(),
        failed.get() + Math.max(0, unanswered),
        sent / (schedulingNanos / 1e9),
        LatencyMillis.of(latency),
        firstFailure.get() != null || unanswered <= 0
            ? firstFailure.get()
            : unanswered + " requests unanswered after " + DRAIN.toSeconds() + " s");
  }

  private static void send(
      HttpClient client,
      HttpRequest request,
      Due due,
      Histogram latency,
      AtomicLong succeeded,
      AtomicLong failed,
      AtomicReference<String> firstFailure) {
    String failure;
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      long micros = (System.nanoTime() - due.intendedNanos()) / 1000;
      if (response.statusCode() == 200 && response.body().contains("\"response\"")) {
        succeeded.incrementAndGet();
        latency.recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
        return;
      }
      failure = response.statusCode() + " " + response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted";
    } catch (Exception e) {
      failure = e.toString();
    }
    failed.incrementAndGet();
    firstFailure.compareAndSet(null, failure);
  }
}
