package io.palisade.notify;

import io.palisade.avro.Incident;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes incidents (good, garbage, tombstones) and reads a group's committed offsets. */
public final class IncidentTopicClient implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;

  public IncidentTopicClient(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Produces an incident as the correlation engine would (key = id, CloudEvents headers). */
  public long send(Topic<String, Incident> topic, Incident incident) throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic.name(),
            topic.keySerde().serializer().serialize(topic.name(), incident.getId()),
            topic.valueSerde().serializer().serialize(topic.name(), incident));
    CloudEventHeaders.write(
        record.headers(),
        new CloudEvent(
            incident.getId() + "/" + incident.getVersion(),
            CloudEvent.sourceOf("correlation-engine", incident.getCluster()),
            topic.eventType(),
            incident.getEventTime(),
            incident.getId()));
    return producer.send(record).get().offset();
  }

  /** Produces raw bytes (garbage) or, with a null value, a tombstone. */
  public long sendRaw(String topic, byte[] key, byte[] value) throws Exception {
    return producer.send(new ProducerRecord<>(topic, key, value)).get().offset();
  }

  /** The group's committed offset on partition 0 of {@code topic}; -1 when nothing is committed. */
  public long committed(String group, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
      return offset == null ? -1 : offset.offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of group " + group, e.getCause());
    }
  }

  /** How many members the consumer group has now. */
  public int members(String group) throws Exception {
    return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
