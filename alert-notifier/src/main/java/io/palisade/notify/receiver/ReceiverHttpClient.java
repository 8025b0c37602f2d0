package io.palisade.notify.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way receivers talk HTTP: POSTs JSON with Palisade's User-Agent, waits at most the
 * request's timeout, and turns the answer into a {@link DeliveryResult} (2xx delivered; 408, 429,
 * 5xx and I/O errors retryable, with Retry-After; everything else rejected). Logs and error texts
 * show the receiver URL only as its origin and never show header values.
 */
public final class ReceiverHttpClient {

  public static final String USER_AGENT = "palisade-alert-notifier";

  /** How much of an error response body is kept for the delivery log. */
  static final int MAX_DETAIL_BYTES = 256;

  private static final Logger log = LoggerFactory.getLogger(ReceiverHttpClient.class);

  private final HttpClient client;
  private final Clock clock;

  public ReceiverHttpClient(HttpClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** An HTTP/1.1 client that never follows redirects (a redirect is a misconfigured URL). */
  public static HttpClient defaultClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /** Sends one POST and classifies the outcome. */
  public DeliveryResult post(OutboundRequest request) throws InterruptedException {
    Redactor redactor = request.redactor();
    DeliveryResult result;
    try {
      HttpResponse<InputStream> response =
          client.send(build(request), HttpResponse.BodyHandlers.ofInputStream());
      String detail = null;
      try (InputStream body = response.body()) {
        if (DeliveryResult.classify(response.statusCode()) != DeliveryResult.Status.DELIVERED) {
          detail = new String(body.readNBytes(MAX_DETAIL_BYTES), StandardCharsets.UTF_8);
        }
      }
      Optional<Duration> retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(value -> RetryAfter.parse(value, clock.instant()));
      result =
          DeliveryResult.ofResponse(response.statusCode(), retryAfter, redactor.redact(detail));
    } catch (IOException e) {
      result = DeliveryResult.noResponse(redactor.redact(describe(e)));
    } catch (IllegalArgumentException e) {
      // a URL, header or timeout the JDK refuses: nothing was sent, and trying again cannot help
      result = DeliveryResult.notSent(redactor.redact("request not sent: " + e.getMessage()));
    }
    log.debug(
        "receiver {} at {}: {} {}",
        request.receiver(),
        Redactor.display(request.url()),
        result.status(),
        result.error() == null ? "" : result.error());
    return result;
  }

  private static HttpRequest build(OutboundRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.url())
            .timeout(request.timeout())
            .header("Content-Type", request.contentType())
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(request.json(), StandardCharsets.UTF_8));
    if (request.idempotencyKey() != null) {
      builder.header("Idempotency-Key", request.idempotencyKey());
    }
    request.headers().forEach(builder::header);
    return builder.build();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
