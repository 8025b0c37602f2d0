package io.palisade.benchmarks.workload;

import io.palisade.intake.Evidence;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.Topic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Serialises evidence exactly as {@code io.palisade.intake.EvidencePublisher#send} does: the
 * topic's key and value serdes, and the CloudEvents headers.
 */
public final class EvidenceRecords {

  private EvidenceRecords() {}

  public static <V> ProducerRecord<byte[], byte[]> of(Topic<String, V> topic, Evidence<V> e) {
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), e.key());
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), e.value());
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), key, value);
    CloudEventHeaders.write(record.headers(), e.event());
    return record;
  }
}
