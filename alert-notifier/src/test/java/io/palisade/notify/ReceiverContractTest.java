package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.palisade.avro.Incident;
import io.palisade.notify.RecordingWebhook.Response;
import io.palisade.notify.opsgenie.OpsgenieProperties;
import io.palisade.notify.opsgenie.OpsgenieReceiver;
import io.palisade.notify.pagerduty.PagerDutyProperties;
import io.palisade.notify.pagerduty.PagerDutyReceiver;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverHttpClient;
import io.palisade.notify.slack.SlackProperties;
import io.palisade.notify.slack.SlackReceiver;
import io.palisade.notify.teams.TeamsProperties;
import io.palisade.notify.teams.TeamsReceiver;
import io.palisade.notify.webhook.WebhookProperties;
import io.palisade.notify.webhook.WebhookReceiver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract every HTTP receiver keeps, each against a real HTTP server on 127.0.0.1: it sends
 * its payload where and how its service expects it, a 429 is retryable with the receiver's
 * Retry-After, a 5xx is retryable and the next attempt can succeed, another 4xx is permanent (the
 * loop dead-letters it), and no secret (URL path or query, token, key, HMAC secret) appears in any
 * log line, result or description, even when the server echoes them back.
 */
class ReceiverContractTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BEARER = "bearer-secret-5a6b7c";
  private static final String HMAC = "hmac-secret-8d9e0f";
  private static final String ROUTING_KEY = "pdroutingkeysecret0123456789abcd";
  private static final String GENIE_KEY = "genie-key-secret-4e5f6a";

  /**
   * One receiver under contract.
   *
   * @param name the receiver's name
   * @param build builds it against the test server
   * @param secrets what must never be shown
   * @param path the path (and query) its service is posted to, for an open incident
   * @param contentType the body's media type
   */
  record Case(
      String name,
      Function<RecordingWebhook, Receiver> build,
      List<String> secrets,
      String path,
      String contentType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> receivers() {
    ReceiverHttpClient http =
        new ReceiverHttpClient(
            ReceiverHttpClient.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC());
    var links = ReceiverPayloadsTest.LINKS;
    Duration timeout = Duration.ofSeconds(5);
    return Stream.of(
        new Case(
            "webhook",
            server ->
                new WebhookReceiver(
                    new WebhookProperties(server.url("/hook?token=querysecret1"), BEARER, timeout),
                    http,
                    JSON),
            List.of(BEARER, "querysecret1"),
            "/hook?token=querysecret1",
            "application/json"),
        new Case(
            "webhook-cloudevents",
            server ->
                new WebhookReceiver(
                    new WebhookProperties(
                        server.url("/ce/pathsecret2"),
                        null,
                        timeout,
                        WebhookProperties.Format.CLOUDEVENTS,
                        HMAC),
                    http,
                    JSON),
            List.of(HMAC, "pathsecret2"),
            "/ce/pathsecret2",
            "application/cloudevents+json"),
        new Case(
            "slack",
            server ->
                new SlackReceiver(
                    new SlackProperties(server.url("/services/T0/B0/slackpathsecret3"), timeout),
                    http,
                    JSON,
                    links),
            List.of("slackpathsecret3"),
            "/services/T0/B0/slackpathsecret3",
            "application/json"),
        new Case(
            "teams",
            server ->
                new TeamsReceiver(
                    new TeamsProperties(
                        server.url("/workflows/w1/triggers/manual/paths/invoke?sig=teamssig4"),
                        timeout),
                    http,
                    JSON,
                    links),
            List.of("teamssig4"),
            "/workflows/w1/triggers/manual/paths/invoke?sig=teamssig4",
            "application/json"),
        new Case(
            "pagerduty",
            server ->
                new PagerDutyReceiver(
                    new PagerDutyProperties(ROUTING_KEY, server.url("/v2/enqueue"), timeout),
                    http,
                    JSON,
                    links),
            List.of(ROUTING_KEY),
            "/v2/enqueue",
            "application/json"),
        new Case(
            "opsgenie",
            server ->
                new OpsgenieReceiver(
                    new OpsgenieProperties(GENIE_KEY, server.url(""), timeout), http, JSON, links),
            List.of(GENIE_KEY),
            "/v2/alerts",
            "application/json"));
  }

  private final RecordingWebhook server = RecordingWebhook.start();
  private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();
  private final Logger palisadeLogger = (Logger) LoggerFactory.getLogger("io.palisade");
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    previousLevel = palisadeLogger.getLevel();
    palisadeLogger.setLevel(Level.DEBUG);
    logLines.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logLines);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logLines);
    palisadeLogger.setLevel(previousLevel);
    server.close();
  }

  private static Incident incident() {
    return IncidentFixtures.incident("exec-reverse-shell");
  }

  @ParameterizedTest
  @MethodSource("receivers")
  void sendsItsPayloadWhereAndHowItsServiceExpects(Case contract) throws Exception {
    Receiver receiver = contract.build().apply(server);

    DeliveryResult result = receiver.deliver(incident());

    assertThat(result.delivered()).isTrue();
    assertThat(receiver.name()).isEqualTo(contract.name().replace("-cloudevents", ""));
    RecordingWebhook.Request request = server.requests().get(0);
    String query = request.query() == null ? "" : "?" + request.query();
    assertThat(request.path() + query).isEqualTo(contract.path());
    assertThat(request.header("Content-Type")).isEqualTo(contract.contentType());
    assertThat(request.header("User-Agent")).isEqualTo(ReceiverHttpClient.USER_AGENT);
    assertThat(request.header("Idempotency-Key")).isEqualTo("inc-prod-eu-7f3c2a91/4");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.isObject()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("receivers")
  void aRateLimitIsRetryableAfterWhatTheServiceAsks(Case contract) throws Exception {
    server.scriptAny(Response.status(429).retryAfter("7"));

    DeliveryResult result = contract.build().apply(server).deliver(incident());

    assertThat(result.retryable()).isTrue();
    assertThat(result.statusCode()).isEqualTo(429);
    assertThat(result.requestedDelay()).contains(Duration.ofSeconds(7));
  }

  @ParameterizedTest
  @MethodSource("receivers")
  void aServerErrorIsRetryableAndTheNextAttemptCanSucceed(Case contract) throws Exception {
    server.scriptAny(Response.status(503));
    Receiver receiver = contract.build().apply(server);

    DeliveryResult first = receiver.deliver(incident());
    DeliveryResult second = receiver.deliver(incident());

    assertThat(first.retryable()).isTrue();
    assertThat(second.delivered()).isTrue();
    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
  }

  @ParameterizedTest
  @MethodSource("receivers")
  void aRefusalIsPermanent(Case contract) throws Exception {
    server.scriptAny(Response.status(400));

    DeliveryResult result = contract.build().apply(server).deliver(incident());

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.REJECTED);
    assertThat(result.statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @MethodSource("receivers")
  void noSecretInAnyLogLineResultOrDescription(Case contract) throws Exception {
    server.scriptAny(
        Response.status(503).echoingSecrets(),
        Response.status(429).echoingSecrets().retryAfter("1"),
        Response.status(401).echoingSecrets());
    Receiver receiver = contract.build().apply(server);

    List<DeliveryResult> results =
        List.of(
            receiver.deliver(incident()),
            receiver.deliver(incident()),
            receiver.deliver(incident()),
            receiver.deliver(IncidentFixtures.incident("resolved-incident")));

    assertThat(server.requests()).hasSize(4);
    assertThat(logLines.list).isNotEmpty();
    for (String secret : contract.secrets()) {
      // the secret did reach the service (else the test proves nothing; an HMAC key never does) …
      if (!secret.equals(HMAC)) {
        assertThat(server.requests().get(0).toString()).contains(secret);
      }
      // … and nothing else
      for (ILoggingEvent line : logLines.list) {
        assertThat(line.getFormattedMessage()).doesNotContain(secret);
        if (line.getThrowableProxy() != null) {
          assertThat(ThrowableProxyUtil.asString(line.getThrowableProxy())).doesNotContain(secret);
        }
      }
      for (DeliveryResult result : results) {
        assertThat(String.valueOf(result)).doesNotContain(secret);
      }
      assertThat(receiver.toString()).doesNotContain(secret);
    }
  }
}
