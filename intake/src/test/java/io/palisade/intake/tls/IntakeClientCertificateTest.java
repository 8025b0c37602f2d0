package io.palisade.intake.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.intake.sample.SampleIntakeApplication;
import io.palisade.intake.testsupport.TestCertificates;
import io.palisade.intake.testsupport.TestCertificates.Authority;
import io.palisade.intake.testsupport.TestCertificates.Issued;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTPS server with client certificates as the API server's webhook kubeconfig presents
 * them, and bearer tokens (mode {@code either}). Client auth is {@code want}: a request without an
 * acceptable certificate completes the handshake and is answered 401 with a JSON body.
 */
@SpringBootTest(
    classes = SampleIntakeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=sample-intake",
      "palisade.intake.auth.tokens=right-token",
      "palisade.intake.tls.certificate=target/test-tls/client-certificate/tls.crt",
      "palisade.intake.tls.private-key=target/test-tls/client-certificate/tls.key",
      "palisade.intake.tls.client-ca=target/test-tls/client-certificate/ca.crt"
    })
class IntakeClientCertificateTest {

  private static final Authority CA = TestCertificates.authority("palisade-test-ca");
  private static final Authority OTHER_CA = TestCertificates.authority("some-other-ca");
  private static final Issued SERVER = CA.server("audit-ingester.palisade.svc");
  private static final Issued API_SERVER = CA.client("kube-apiserver");
  private static final Issued STRANGER = OTHER_CA.client("kube-apiserver");

  static {
    Path tls = TestCertificates.directory("client-certificate");
    SERVER.writePem(tls.resolve("tls.crt"), tls.resolve("tls.key"));
    CA.writePem(tls.resolve("ca.crt"));
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired MeterRegistry meters;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void servesHttpsWithTheConfiguredCertificate() throws Exception {
    HttpResponse<String> response = post(client(standard(API_SERVER)), null);

    X509Certificate served =
        (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    assertThat(served).isEqualTo(SERVER.certificate());
    assertThat(response.uri().getScheme()).isEqualTo("https");
  }

  @Test
  void acceptsAClientCertificateSignedByTheConfiguredCa() throws Exception {
    HttpResponse<String> response = post(client(standard(API_SERVER)), null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void answers401WithAJsonReasonAndCountsARequestWithoutCredentials() throws Exception {
    double before = unauthenticated();

    HttpResponse<String> response = post(client(null), null);

    assertUnauthenticated(response);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"palisade\"");
    assertThat(unauthenticated()).isEqualTo(before + 1);
  }

  @Test
  void answers401ForAClientCertificateOfAnotherCa() throws Exception {
    assertUnauthenticated(post(client(standard(STRANGER)), null));
  }

  @Test
  void failsTheHandshakeForACertificateOfAnotherCaThatAClientSendsAnyway() {
    Throwable failure = catchThrowable(() -> post(client(STRANGER.keyManagers()), null));

    // JSSE verifies a presented certificate even with client-auth "want": certificate_unknown
    assertThat(failure).isInstanceOf(IOException.class);
  }

  @Test
  void acceptsAValidBearerTokenWithoutAClientCertificate() throws Exception {
    assertThat(post(client(null), "right-token").statusCode()).isEqualTo(200);
  }

  @Test
  void answers401ForAWrongBearerToken() throws Exception {
    assertUnauthenticated(post(client(null), "wrong-token"));
  }

  @Test
  void servesProbesOnAPlainManagementPortWithoutCredentials() throws Exception {
    assertThat(managementPort).isNotEqualTo(port);
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("UP");
  }

  private void assertUnauthenticated(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = json.readTree(response.body());
    assertThat(error.get("status").asInt()).isEqualTo(401);
    assertThat(error.get("reason").asString()).isEqualTo("unauthenticated");
    assertThat(error.get("message").asString()).contains("client certificate", "bearer token");
  }

  private double unauthenticated() {
    var counter =
        meters.find("palisade.intake.requests.rejected").tag("reason", "unauthenticated").counter();
    return counter == null ? 0 : counter.count();
  }

  private HttpResponse<String> post(HttpClient client, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v1/sample"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"EventList\",\"items\":[]}"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static KeyManager[] standard(Issued client) {
    return TestCertificates.standardKeyManagers(client);
  }

  private static HttpClient client(KeyManager[] keys) {
    SSLContext context = TestCertificates.clientContext(CA.certificate(), keys);
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }
}
