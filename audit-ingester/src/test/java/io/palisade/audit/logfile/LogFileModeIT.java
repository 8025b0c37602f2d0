package io.palisade.audit.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.AuditIngesterApplication;
import io.palisade.avro.AuditEvent;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service with log-file mode switched on: file in, topic out, health and metrics. */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(
    classes = AuditIngesterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=audit-ingester",
      "palisade.cluster=it-default",
      "palisade.audit.log-file.enabled=true",
      "palisade.audit.log-file.cluster=it-logfile-mode",
      "palisade.audit.log-file.poll-interval=20ms",
      "palisade.audit.log-file.max-wait=20ms",
      "management.endpoint.health.show-details=always",
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN"
    })
class LogFileModeIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final PalisadeTopics TOPICS = UniqueTopics.named("logfile-mode-it");

  @TempDir static Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
    registry.add("palisade.topics.audit", () -> TOPICS.audit().name());
    registry.add("palisade.audit.log-file.path", () -> dir.resolve("audit.log").toString());
    registry.add(
        "palisade.audit.log-file.checkpoint-path",
        () -> dir.resolve("state").resolve("checkpoint.json").toString());
  }

  @BeforeAll
  static void createTopics() {
    KafkaBrokerExtension.createTopics(TOPICS, 2);
  }

  @Test
  void tailsTheAuditLogIntoTheTopicAndReportsItsProgress() throws Exception {
    byte[] auditLog = Fixtures.bytes("logfile/audit2rbac-demo/audit-log.jsonl");
    Files.write(dir.resolve("audit.log"), auditLog);

    List<ConsumerRecord<String, AuditEvent>> records;
    try (TopicReader<String, AuditEvent> reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), TOPICS.audit())) {
      records = reader.awaitRecords(read -> read.size() >= 37, WAIT);
    }

    assertThat(records).hasSize(37);
    assertThat(records)
        .allSatisfy(
            record -> {
              assertThat(record.value().getCluster()).isEqualTo("it-logfile-mode");
              assertThat(record.value().getIntakeFormat()).isEqualTo("logfile");
            });
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode logFile = json.readTree(get("/actuator/health")).path("components");
              JsonNode health = logFile.path("auditLogFile");
              assertThat(health.path("status").asString()).isEqualTo("UP");
              assertThat(health.path("details").path("state").asString()).isEqualTo("TAILING");
              assertThat(health.path("details").path("checkpointOffset").asLong())
                  .isEqualTo(auditLog.length);
              assertThat(health.path("details").path("lagBytes").asLong()).isZero();
            });
    String metrics = get("/actuator/prometheus");
    assertThat(metrics)
        .contains("palisade_audit_logfile_lines_read_total 37.0")
        .contains("palisade_audit_logfile_events_published_total 37.0")
        .contains("palisade_audit_logfile_checkpoint_offset_bytes " + auditLog.length + ".0")
        .contains("palisade_audit_logfile_rotations_total{kind=\"rename\"} 0.0");
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
