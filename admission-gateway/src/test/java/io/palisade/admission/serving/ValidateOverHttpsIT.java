package io.palisade.admission.serving;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;
import static io.palisade.admission.AdmissionFixtures.uid;
import static io.palisade.admission.AdmissionFixtures.withFreshUid;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.intake.testsupport.TestCertificates;
import io.palisade.intake.testsupport.TestCertificates.Authority;
import io.palisade.intake.testsupport.TestCertificates.Issued;
import io.palisade.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway as the API server meets it: HTTPS from PEM files (the intakes' {@code
 * palisade.intake.tls.*}), health and metrics on their own plain-HTTP port, and a certificate
 * renewed by cert-manager served while reviews keep arriving, none of them failing.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=admission-gateway",
      "palisade.cluster=https-it",
      "palisade.topics.admission=admission-gateway-https-it.admission",
      "spring.ssl.bundle.watch.file.quiet-period=200ms",
      "palisade.intake.tls.certificate=target/test-tls/gateway-https/tls.crt",
      "palisade.intake.tls.private-key=target/test-tls/gateway-https/tls.key"
    })
class ValidateOverHttpsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Authority CA = TestCertificates.authority("palisade-gateway-test-ca");
  private static final Issued FIRST = CA.server("admission-gateway-first");
  private static final Issued RENEWED = CA.server("admission-gateway-renewed");
  private static final Path TLS = TestCertificates.directory("gateway-https");

  static {
    FIRST.writePem(TLS.resolve("tls.crt"), TLS.resolve("tls.key"));
  }

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  private final SSLContext trustingTheCa = TestCertificates.clientContext(CA.certificate(), null);

  @Test
  void answersOverHttpsAndServesHealthAndMetricsOnAPlainPortOfTheirOwn() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(trustingTheCa).build();
    ObjectNode review = withFreshUid(review("pod-create-privileged"));

    HttpResponse<String> answer =
        https.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode response = JSON.readTree(answer.body()).path("response");
    assertThat(response.path("uid").stringValue()).isEqualTo(uid(review));
    assertThat(response.path("allowed").booleanValue()).isFalse();
    assertThat(managementPort).isNotEqualTo(port);
    HttpClient plain = HttpClient.newHttpClient();
    assertThat(get(plain, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get(plain, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get(plain, "/actuator/prometheus").body())
        .contains("palisade_admission_decisions_total")
        .contains("palisade_admission_publish_total")
        .contains("palisade_admission_evaluation_seconds");
    HttpResponse<String> plainAnswer =
        plain.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(plainAnswer.statusCode())
        .as("the webhook port speaks only TLS: Tomcat refuses plain HTTP there")
        .isEqualTo(400);
    assertThat(plainAnswer.body()).doesNotContain("AdmissionReview");
  }

  @Test
  void servesARenewedCertificateWhileReviewsFlowAndNoneFails() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger answeredWithRenewed = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> senders = new ArrayList<>();
    // two API-server-like senders on kept-alive connections, two opening a connection per review
    for (int i = 0; i < 4; i++) {
      boolean newConnections = i % 2 == 1;
      Thread sender =
          new Thread(
              () -> send(newConnections, stop, answered, answeredWithRenewed, failures),
              "reviews-" + i);
      sender.start();
      senders.add(sender);
    }
    try {
      Awaitility.await().atMost(PATIENCE).until(() -> answered.get() >= 40);

      RENEWED.writePem(TLS.resolve("tls.crt"), TLS.resolve("tls.key"));

      Awaitility.await()
          .atMost(PATIENCE)
          .until(() -> answeredWithRenewed.get() >= 40 || !failures.isEmpty());
    } finally {
      stop.set(true);
      for (Thread sender : senders) {
        sender.join(PATIENCE.toMillis());
      }
    }

    assertThat(failures).as("reviews that failed during the rotation").isEmpty();
    assertThat(answered.get()).isGreaterThan(answeredWithRenewed.get());
    assertThat(answeredWithRenewed.get()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void keepsAConnectionAliveBeyondTomcatsDefaultOfAHundredRequests() throws Exception {
    String review = withFreshUid(review("deployment-create-compliant")).toString();

    int closedAfter = HttpsClients.keptAliveFor(trustingTheCa, port, "/validate", review, 250);

    assertThat(closedAfter)
        .as("Tomcat's default closes a kept-alive connection after 100 requests")
        .isEqualTo(-1);
  }

  private void send(
      boolean newConnections,
      AtomicBoolean stop,
      AtomicInteger answered,
      AtomicInteger answeredWithRenewed,
      ConcurrentLinkedQueue<String> failures) {
    HttpClient keptAlive = HttpClient.newBuilder().sslContext(trustingTheCa).build();
    while (!stop.get() && failures.isEmpty()) {
      ObjectNode review = withFreshUid(review("deployment-create-compliant"));
      try {
        int status;
        String body;
        X509Certificate served;
        if (newConnections) {
          HttpsClients.Answer answer =
              HttpsClients.postOnNewConnection(trustingTheCa, port, "/validate", review.toString());
          status = answer.status();
          body = answer.body();
          served = answer.served();
        } else {
          HttpResponse<String> answer =
              keptAlive.send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(review.toString()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          status = answer.statusCode();
          body = answer.body();
          served = (X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0];
        }
        JsonNode response = JSON.readTree(body).path("response");
        if (status != 200
            || !uid(review).equals(response.path("uid").stringValue())
            || !response.path("allowed").booleanValue()) {
          failures.add(status + " " + body);
        }
        answered.incrementAndGet();
        if (served.equals(RENEWED.certificate())) {
          answeredWithRenewed.incrementAndGet();
        }
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
  }

  private HttpResponse<String> get(HttpClient plain, String path)
      throws IOException, InterruptedException {
    return plain.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
