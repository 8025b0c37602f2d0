package io.palisade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionIT {

  private final PalisadeTopics topics =
      new PalisadeTopics(
          new TopicNames(null, null, null, "testkit.signals", null, null, null, null));

  @Test
  void carriesAvroRecordsWithCloudEventsHeadersThroughTheSharedBroker() throws Exception {
    KafkaBrokerExtension.createTopics(topics, 1);
    Signal signal =
        Signal.newBuilder()
            .setId("s-1")
            .setCluster("c")
            .setEventTime(Instant.EPOCH)
            .setIngestTime(Instant.EPOCH)
            .setRuleId("r")
            .setTitle("t")
            .setSeverity(Severity.LOW)
            .setEvidence(new EvidenceRef(EvidenceSource.RUNTIME, "x", "y", ""))
            .build();
    CloudEvent event =
        new CloudEvent(
            "s-1", CloudEvent.sourceOf("test", "c"), "io.palisade.signal.v1", Instant.EPOCH, null);

    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()),
            topics.signals().keySerde().serializer(),
            topics.signals().valueSerde().serializer())) {
      producer.send(CloudEventHeaders.record(topics.signals(), "c", signal, event)).get();
    }

    try (var reader =
        new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.signals())) {
      var records = reader.awaitRecords(read -> !read.isEmpty(), Duration.ofSeconds(30));
      assertThat(records.get(0).value()).isEqualTo(signal);
      assertThat(CloudEventHeaders.read(records.get(0).headers())).contains(event);
    }
  }
}
