package io.palisade.admission.serving;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;
import static io.palisade.admission.AdmissionFixtures.withFreshUid;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.intake.testsupport.TestCertificates;
import io.palisade.intake.testsupport.TestCertificates.Authority;
import io.palisade.intake.testsupport.TestCertificates.Issued;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Optional caller authentication: with {@code palisade.intake.auth.mode=client-cert} and a client
 * CA, only a caller presenting a certificate of that CA (the API server, through the kubeconfig of
 * its {@code --admission-control-config-file}) is answered; others get a JSON 401. Kafka is not
 * needed: publishing never blocks an answer.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=admission-gateway",
      "palisade.kafka.bootstrap-servers=127.0.0.1:1",
      "palisade.admission.publish.max-block=100ms",
      "palisade.admission.publish.drain-timeout=100ms",
      "palisade.intake.auth.mode=client-cert",
      "palisade.intake.tls.certificate=target/test-tls/gateway-client-cert/tls.crt",
      "palisade.intake.tls.private-key=target/test-tls/gateway-client-cert/tls.key",
      "palisade.intake.tls.client-ca=target/test-tls/gateway-client-cert/ca.crt",
      "logging.level.org.apache.kafka=ERROR"
    })
class ClientCertificateIT {

  private static final Authority CA = TestCertificates.authority("palisade-gateway-test-ca");
  private static final Issued SERVER = CA.server("admission-gateway.palisade.svc");
  private static final Issued API_SERVER = CA.client("kube-apiserver");

  static {
    Path tls = TestCertificates.directory("gateway-client-cert");
    SERVER.writePem(tls.resolve("tls.crt"), tls.resolve("tls.key"));
    CA.writePem(tls.resolve("ca.crt"));
  }

  @LocalServerPort int port;

  @Test
  void answersTheApiServersCertificate() throws Exception {
    HttpResponse<String> answer = validate(TestCertificates.standardKeyManagers(API_SERVER));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("response").path("allowed").booleanValue())
        .isFalse();
  }

  @Test
  void refusesACallerWithoutACertificateWithAJson401() throws Exception {
    HttpResponse<String> answer = validate(null);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(answer.body()).path("reason").stringValue())
        .isEqualTo("unauthenticated");
  }

  private HttpResponse<String> validate(KeyManager[] keys) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.clientContext(CA.certificate(), keys))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    withFreshUid(review("pod-create-privileged")).toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
