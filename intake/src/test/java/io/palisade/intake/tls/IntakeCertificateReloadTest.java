package io.palisade.intake.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.intake.sample.SampleIntakeApplication;
import io.palisade.intake.testsupport.TestCertificates;
import io.palisade.intake.testsupport.TestCertificates.Authority;
import io.palisade.intake.testsupport.TestCertificates.Issued;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A renewed certificate (cert-manager rewrites the Secret) is served without a restart. */
@SpringBootTest(
    classes = SampleIntakeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=sample-intake",
      "palisade.intake.auth.tokens=reload-token",
      "spring.ssl.bundle.watch.file.quiet-period=200ms",
      "palisade.intake.tls.certificate=target/test-tls/certificate-reload/tls.crt",
      "palisade.intake.tls.private-key=target/test-tls/certificate-reload/tls.key"
    })
class IntakeCertificateReloadTest {

  private static final Authority CA = TestCertificates.authority("palisade-test-ca");
  private static final Issued FIRST = CA.server("first");
  private static final Issued RENEWED = CA.server("renewed");

  private static final Path TLS = TestCertificates.directory("certificate-reload");

  static {
    FIRST.writePem(TLS.resolve("tls.crt"), TLS.resolve("tls.key"));
  }

  @LocalServerPort int port;

  @Test
  void servesTheRenewedCertificateOnceItsFilesChange() throws Exception {
    assertThat(servedCertificate()).isEqualTo(FIRST.certificate());

    RENEWED.writePem(TLS.resolve("tls.crt"), TLS.resolve("tls.key"));

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> servedCertificate().equals(RENEWED.certificate()));
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.clientContext(CA.certificate(), null))
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v1/sample"))
                    .header("Authorization", "Bearer reload-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0])
        .isEqualTo(RENEWED.certificate());
  }

  /** A fresh handshake each time: no session of a client context is reused. */
  private X509Certificate servedCertificate() throws Exception {
    var factory = TestCertificates.clientContext(CA.certificate(), null).getSocketFactory();
    try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
