package io.palisade.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.RuntimeAlert;
import io.palisade.runtime.falco.RuntimeEvidence;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeSerde;
import io.palisade.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FalcoWorkloadTest {

  @Test
  void samplesAreTheSeventeenRealSecurityAlerts() {
    assertThat(FalcoWorkload.samples(JsonMapper.builder().build()))
        .hasSize(17)
        .allSatisfy(
            alert -> {
              assertThat(alert.path("source").asString("")).isNotEqualTo("internal");
              assertThat(alert.get("rule").asString()).isNotEqualTo("Fake rule");
            });
  }

  @Test
  void everyAlertIsPublishedUnderItsOwnIdEvenWhereTheSamplesRepeat() {
    // two of the 2021 samples are the same alert, and the pool goes round the samples 3 times
    Workload workload = FalcoWorkload.build(51, "default");

    assertThat(workload.eventsPerRequest()).isEqualTo(1);
    assertThat(workload.topic()).isEqualTo(TopicNames.DEFAULT_RUNTIME);
    PalisadeSerde<RuntimeAlert> serde = PalisadeSerde.of(RuntimeAlert.class);
    Set<String> ids = new HashSet<>();
    for (ProducerRecord<byte[], byte[]> record : workload.records()) {
      RuntimeAlert alert = serde.deserialize(record.topic(), record.value());
      assertThat(new String(record.key(), StandardCharsets.UTF_8))
          .isEqualTo(RuntimeEvidence.keyOf(alert));
      assertThat(CloudEventHeaders.read(record.headers()).orElseThrow().id())
          .isEqualTo(alert.getId());
      ids.add(alert.getId());
    }
    assertThat(ids).hasSize(51);
  }
}
