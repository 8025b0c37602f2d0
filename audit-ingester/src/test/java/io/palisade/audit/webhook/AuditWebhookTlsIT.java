package io.palisade.audit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.testsupport.TestCertificates;
import io.palisade.intake.testsupport.TestCertificates.Authority;
import io.palisade.intake.testsupport.TestCertificates.Issued;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import io.palisade.testkit.Fixtures;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook as a production API server reaches it: HTTPS, with the client certificate its webhook
 * kubeconfig names, and probes on the plain management port.
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    classes = AuditIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=audit-ingester",
      "server.address=127.0.0.1",
      "palisade.intake.tls.enabled=true",
      "palisade.intake.auth.mode=client-cert",
      "palisade.intake.tls.certificate=target/test-tls/audit-webhook/tls.crt",
      "palisade.intake.tls.private-key=target/test-tls/audit-webhook/tls.key",
      "palisade.intake.tls.client-ca=target/test-tls/audit-webhook/ca.crt",
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN"
    })
class AuditWebhookTlsIT {

  private static final Authority CA = TestCertificates.authority("palisade-audit-ca");
  private static final Issued SERVER = CA.server("audit-ingester.palisade.svc");
  private static final Issued API_SERVER = CA.client("kube-apiserver");

  static {
    Path tls = TestCertificates.directory("audit-webhook");
    SERVER.writePem(tls.resolve("tls.crt"), tls.resolve("tls.key"));
    CA.writePem(tls.resolve("ca.crt"));
  }

  private static final PalisadeTopics TOPICS =
      new PalisadeTopics(
          new TopicNames("audit-tls-it.audit", null, null, null, null, null, null, null));

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.audit", () -> TOPICS.audit().name());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 1);
  }

  @Test
  void publishesABatchPostedWithTheApiServersClientCertificate() throws Exception {
    HttpResponse<String> response =
        post(TestCertificates.standardKeyManagers(API_SERVER), "/v1/audit/tls-cluster");

    assertThat(response.statusCode()).isEqualTo(200);
    try (var reader = new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.audit())) {
      ConsumerRecord<String, AuditEvent> record =
          reader
              .awaitRecords(
                  read -> read.stream().anyMatch(r -> r.key().startsWith("tls-cluster/")),
                  Duration.ofSeconds(30))
              .get(0);
      assertThat(record.value().getCluster()).isEqualTo("tls-cluster");
    }
  }

  @Test
  void answers401WithoutAClientCertificate() throws Exception {
    HttpResponse<String> response = post(null, "/v1/audit/tls-cluster");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JsonMapper.builder().build().readTree(response.body()).get("reason").asString())
        .isEqualTo("unauthenticated");
  }

  @Test
  void servesProbesAndMetricsOnThePlainManagementPort() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"/actuator/health/liveness", "/actuator/prometheus"}) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
  }

  private HttpResponse<String> post(KeyManager[] keys, String path) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.clientContext(CA.certificate(), keys))
            .build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    EventListReaderTest.eventList(Fixtures.text("events/exec-pod/input.json"))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
