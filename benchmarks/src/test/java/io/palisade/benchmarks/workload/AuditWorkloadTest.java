package io.palisade.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.avro.AuditEvent;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeSerde;
import io.palisade.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditWorkloadTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void samplesAreTheTwentyCopiedEvents() {
    assertThat(AuditWorkload.samples(json))
        .hasSize(20)
        .allSatisfy(event -> assertThat(event.has("auditID")).isTrue());
  }

  @Test
  void bodiesAreEventListsOfBatchSizeEventsEachWithItsOwnAuditId() {
    List<byte[]> bodies = AuditWorkload.bodies(50, 3, 7L);

    Set<String> auditIds = new HashSet<>();
    Set<String> verbs = new HashSet<>();
    for (byte[] body : bodies) {
      JsonNode list = json.readTree(body);
      assertThat(list.get("kind").asString()).isEqualTo("EventList");
      assertThat(list.get("apiVersion").asString()).isEqualTo("audit.k8s.io/v1");
      assertThat(list.get("items")).hasSize(50);
      list.get("items")
          .forEach(
              event -> {
                auditIds.add(event.get("auditID").asString());
                verbs.add(event.get("verb").asString());
              });
    }
    assertThat(auditIds).hasSize(150);
    assertThat(verbs).contains("get", "list", "create", "delete", "patch");
  }

  @Test
  void theSameSeedSendsTheSameBytes() {
    assertThat(AuditWorkload.bodies(20, 2, 1L))
        .usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(AuditWorkload.bodies(20, 2, 1L));
  }

  @Test
  void baselineRecordsAreWhatTheIngesterPublishesForTheBodies() {
    Workload workload = AuditWorkload.build(40, 2, "prod-eu", 3L);

    assertThat(workload.path()).isEqualTo("/v1/audit");
    assertThat(workload.topic()).isEqualTo(TopicNames.DEFAULT_AUDIT);
    assertThat(workload.records()).hasSize(80);
    PalisadeSerde<AuditEvent> serde = PalisadeSerde.of(AuditEvent.class);
    Set<String> ids = new HashSet<>();
    for (ProducerRecord<byte[], byte[]> record : workload.records()) {
      AuditEvent event = serde.deserialize(record.topic(), record.value());
      assertThat(event.getCluster()).isEqualTo("prod-eu");
      assertThat(event.getId()).isEqualTo(event.getAuditId() + "/" + event.getStage());
      assertThat(new String(record.key(), StandardCharsets.UTF_8))
          .isEqualTo(AuditEvidence.keyOf(event));
      CloudEvent cloudEvent = CloudEventHeaders.read(record.headers()).orElseThrow();
      assertThat(cloudEvent.id()).isEqualTo(event.getId());
      ids.add(event.getId());
    }
    assertThat(ids).hasSize(80);
  }
}
