package io.palisade.intake.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts malformed bodies to a running intake endpoint, bounded in count and time, and records every
 * answer that breaks the contract: anything but 2xx or 4xx, or a 4xx without a JSON body that names
 * a {@code reason}.
 */
public final class FuzzCampaign {

  /**
   * @param sent how many bodies were posted
   * @param statuses how often each status was answered
   * @param violations answers that broke the contract, with the body that caused them
   */
  public record Outcome(int sent, Map<Integer, Integer> statuses, List<String> violations) {

    public int count(int fromStatus, int toStatus) {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= fromStatus && e.getKey() <= toStatus)
          .mapToInt(Map.Entry::getValue)
          .sum();
    }
  }

  private static final int MAX_VIOLATIONS_KEPT = 20;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * Posts up to {@code count} bodies from {@code parallelism} senders (bodies are made in order, so
   * the same seed gives the same set), stopping early when {@code budget} is spent.
   */
  public Outcome run(
      URI endpoint, MalformedBodies bodies, int count, int parallelism, Duration budget)
      throws InterruptedException {
    long deadline = System.nanoTime() + budget.toNanos();
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      Thread sender =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline) {
                  MalformedBodies.Body body;
                  synchronized (bodies) {
                    if (sent.get() >= count) {
                      return;
                    }
                    sent.incrementAndGet();
                    body = bodies.next();
                  }
                  Answer answer = post(endpoint, body);
                  synchronized (statuses) {
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.violation() != null && violations.size() < MAX_VIOLATIONS_KEPT) {
                      violations.add(answer.violation() + " for " + body);
                    }
                  }
                }
              },
              "fuzz-" + i);
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
    return new Outcome(sent.get(), statuses, violations);
  }

  private record Answer(int status, String violation) {}

  private Answer post(URI endpoint, MalformedBodies.Body body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), violation(response));
    } catch (java.io.IOException e) {
      return new Answer(-1, "no answer (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "interrupted");
    }
  }

  private String violation(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return null;
    }
    if (status < 400 || status >= 500) {
      return status + " " + response.body();
    }
    try {
      JsonNode error = json.readTree(response.body());
      JsonNode reason = error == null ? null : error.get("reason");
      if (reason == null || !reason.isString() || reason.asString().isBlank()) {
        return status + " without a reason: " + response.body();
      }
      return null;
    } catch (JacksonException e) {
      return status + " without a JSON body: " + response.body();
    }
  }
}
