package io.palisade.notify.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.notify.RecordingWebhook;
import io.palisade.notify.RecordingWebhook.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiverHttpClientTest {

  private static final String TOKEN = "tok-9f8e7d6c5b4a";
  private static final String QUERY_SECRET = "q-1a2b3c4d5e";

  private final RecordingWebhook webhook = RecordingWebhook.start();
  private final ReceiverHttpClient http =
      new ReceiverHttpClient(
          ReceiverHttpClient.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC());

  @AfterEach
  void stop() {
    webhook.close();
  }

  private OutboundRequest request(URI url, String id, Duration timeout) {
    return new OutboundRequest(
        "test",
        url,
        "{\"id\":\"" + id + "\"}",
        Map.of("Authorization", "Bearer " + TOKEN),
        id + "/1",
        timeout);
  }

  private OutboundRequest request(String id) {
    return request(webhook.url("/hook?secret=" + QUERY_SECRET), id, Duration.ofSeconds(5));
  }

  @Test
  void postsJsonWithItsUserAgentAndTheReceiversHeaders() throws Exception {
    DeliveryResult result = http.post(request("a"));

    assertThat(result.delivered()).isTrue();
    assertThat(result.statusCode()).isEqualTo(200);
    RecordingWebhook.Request received = webhook.requestsFor("a").get(0);
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    assertThat(received.header("User-Agent")).isEqualTo("palisade-alert-notifier");
    assertThat(received.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(received.header("Idempotency-Key")).isEqualTo("a/1");
    assertThat(received.body()).isEqualTo("{\"id\":\"a\"}");
  }

  @Test
  void readsRetryAfterOfARateLimitedAnswer() throws Exception {
    webhook.script("b", Response.status(429).retryAfter("3"));

    DeliveryResult result = http.post(request("b"));

    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isEqualTo(429);
    assertThat(result.requestedDelay()).contains(Duration.ofSeconds(3));
  }

  @Test
  void rejectsABadRequestForGood() throws Exception {
    webhook.script("c", Response.status(400));

    DeliveryResult result = http.post(request("c"));

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.REJECTED);
    assertThat(result.error()).startsWith("HTTP 400");
  }

  @Test
  void keepsSecretsThatTheReceiverEchoesOutOfTheError() throws Exception {
    webhook.script("d", Response.status(503).echoingSecrets());

    DeliveryResult result = http.post(request("d"));

    assertThat(result.retryable()).isTrue();
    assertThat(result.error())
        .startsWith("HTTP 503: refused auth=")
        .doesNotContain(TOKEN, QUERY_SECRET);
  }

  @Test
  void retriesWhenNothingListens() throws Exception {
    URI closed;
    try (RecordingWebhook gone = RecordingWebhook.start()) {
      closed = gone.url("/hook?secret=" + QUERY_SECRET);
    }

    DeliveryResult result = http.post(request(closed, "e", Duration.ofSeconds(5)));

    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).isNotBlank().doesNotContain(QUERY_SECRET, TOKEN);
  }

  @Test
  void retriesWhenTheReceiverTakesTooLong() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    webhook.script("f", Response.status(200).heldBy(release));
    try {
      DeliveryResult result =
          http.post(
              request(webhook.url("/hook?secret=" + QUERY_SECRET), "f", Duration.ofMillis(300)));

      assertThat(result.retryable()).isTrue();
      assertThat(result.error()).contains("HttpTimeoutException").doesNotContain(QUERY_SECRET);
    } finally {
      release.countDown();
    }
  }

  @Test
  void doesNotSendARequestTheJdkRefusesAndDoesNotRetryIt() throws Exception {
    OutboundRequest refused =
        new OutboundRequest(
            "test",
            webhook.url("/hook?secret=" + QUERY_SECRET),
            "{\"id\":\"h\"}",
            Map.of("Connection", "close"), // a header the JDK reserves for itself
            null,
            Duration.ofSeconds(5));

    DeliveryResult result = http.post(refused);

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.REJECTED);
    assertThat(result.error()).startsWith("request not sent");
    assertThat(webhook.requests()).isEmpty();
  }

  @Test
  void neverShowsHeaderValuesOrTheUrlInItsDescription() {
    assertThat(request("g").toString())
        .contains("Authorization")
        .doesNotContain(TOKEN, QUERY_SECRET, "/hook");
  }
}
