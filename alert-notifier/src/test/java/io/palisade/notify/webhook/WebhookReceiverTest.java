package io.palisade.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.Incident;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.RecordingWebhook;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.ReceiverHttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WebhookReceiverTest {

  private static final String TOKEN = "wh-token-5e6f7a8b";

  private final RecordingWebhook webhook = RecordingWebhook.start();
  private final JsonMapper json = JsonMapper.builder().build();
  private final ReceiverHttpClient http =
      new ReceiverHttpClient(
          ReceiverHttpClient.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC());

  @AfterEach
  void stop() {
    webhook.close();
  }

  @Test
  void postsThePayloadWithBearerTokenAndIdempotencyKey() throws Exception {
    Incident incident = IncidentFixtures.incident("exec-reverse-shell");
    WebhookReceiver receiver =
        new WebhookReceiver(
            new WebhookProperties(webhook.url("/hooks/palisade"), TOKEN, Duration.ofSeconds(5)),
            http,
            json);

    DeliveryResult result = receiver.deliver(incident);

    assertThat(result.delivered()).isTrue();
    RecordingWebhook.Request received = webhook.requestsFor(incident.getId()).get(0);
    assertThat(received.path()).isEqualTo("/hooks/palisade");
    assertThat(received.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(received.header("Idempotency-Key")).isEqualTo("inc-prod-eu-7f3c2a91/4");
    assertThat(json.readTree(received.body()))
        .isEqualTo(json.readTree(IncidentFixtures.expectedPayload("exec-reverse-shell")));
  }

  @Test
  void sendsNoAuthorizationWithoutAToken() throws Exception {
    Incident incident = IncidentFixtures.incident("merged-incident");
    WebhookReceiver receiver =
        new WebhookReceiver(
            new WebhookProperties(webhook.url("/hook"), "  ", Duration.ofSeconds(5)), http, json);

    receiver.deliver(incident);

    assertThat(webhook.requestsFor(incident.getId()).get(0).header("Authorization")).isNull();
  }

  @Test
  void hidesTheTokenAndUrlSecretsInItsDescription() {
    WebhookProperties properties =
        new WebhookProperties(
            URI.create("https://hooks.example.com/T0/B0/pathsecret?sig=querysecret"),
            TOKEN,
            Duration.ofSeconds(5));

    assertThat(properties.toString())
        .contains("https://hooks.example.com", "[redacted]")
        .doesNotContain(TOKEN, "pathsecret", "querysecret");
    assertThat(new WebhookReceiver(properties, http, json).toString())
        .doesNotContain(TOKEN, "pathsecret", "querysecret");
  }

  @Test
  void refusesAUrlThatIsNotHttpWithoutShowingIt() {
    WebhookProperties properties =
        new WebhookProperties(
            URI.create("ftp://files.example.com/drop?key=querysecret"),
            null,
            Duration.ofSeconds(5));

    assertThatThrownBy(() -> new WebhookReceiver(properties, http, json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("palisade.notifier.webhook.url")
        .hasMessageNotContaining("querysecret");
  }

  @Test
  void sendsACloudEventSignedWithHmacSha256() throws Exception {
    Incident incident = IncidentFixtures.incident("exec-reverse-shell");
    String secret = "hmac-shared-secret";
    WebhookReceiver receiver =
        new WebhookReceiver(
            new WebhookProperties(
                webhook.url("/ce"),
                null,
                Duration.ofSeconds(5),
                WebhookProperties.Format.CLOUDEVENTS,
                secret),
            http,
            json);

    assertThat(receiver.deliver(incident).delivered()).isTrue();

    RecordingWebhook.Request received = webhook.requests().get(0);
    assertThat(received.header("Content-Type")).isEqualTo("application/cloudevents+json");
    assertThat(received.header(WebhookReceiver.SIGNATURE_HEADER))
        .isEqualTo(WebhookSignature.of(secret, received.body()))
        .startsWith("sha256=");
    assertThat(json.readTree(received.body()).get("data"))
        .isEqualTo(json.readTree(IncidentFixtures.expectedPayload("exec-reverse-shell")));
  }

  @Test
  void signsWithTheStandardHmacSha256() {
    // RFC 4231 test case 2
    assertThat(WebhookSignature.of("Jefe", "what do ya want for nothing?"))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
}
