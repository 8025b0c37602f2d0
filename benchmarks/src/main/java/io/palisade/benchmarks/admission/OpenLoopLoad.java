package io.palisade.benchmarks.admission;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a fixed rate: request {@code i} is due at {@code start + i / rate}, whether or
 * not earlier ones were answered, and its latency is measured from that intended time, not from
 * when it was actually sent. A server that stalls therefore shows the full wait of every request
 * that was due during the stall (no coordinated omission), as the API server's requests would
 * experience it. Requests go over one shared HTTP/1.1 client (keep-alive connections, opened as
 * needed, as the API server's webhook client does).
 *
 * <p>At most {@value #MAX_OUTSTANDING} requests are outstanding; beyond that the scheduler waits,
 * which the latency from the intended time still counts.
 */
public final class OpenLoopLoad {

  static final int MAX_OUTSTANDING = 2048;
  private static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1000;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final HttpClient client;

  public OpenLoopLoad(HttpClient client) {
    this.client = client;
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
    Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
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
      outstanding.acquireUninterruptibly();
      sent++;
      client
          .sendAsync(
              requests.get((int) (i % requests.size())), HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, error) -> {
                long micros = (System.nanoTime() - intended) / 1000;
                outstanding.release();
                if (error == null
                    && response.statusCode() == 200
                    && response.body().contains("\"response\"")) {
                  succeeded.incrementAndGet();
                  latency.recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
                } else {
                  failed.incrementAndGet();
                  firstFailure.compareAndSet(
                      null,
                      error != null
                          ? error.toString()
                          : response.statusCode() + " " + response.body());
                }
              });
    }
    long sendingNanos = System.nanoTime() - start;
    boolean drained = false;
    try {
      drained = outstanding.tryAcquire(MAX_OUTSTANDING, DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long unanswered = drained ? 0 : MAX_OUTSTANDING - outstanding.availablePermits();
    if (drained) {
      outstanding.release(MAX_OUTSTANDING);
    }
    return new RateResult(
        rate,
        duration,
        sent,
        succeeded.get(),
        failed.get() + unanswered,
        sent / (sendingNanos / 1e9),
        LatencyMillis.of(latency),
        firstFailure.get());
  }
}
