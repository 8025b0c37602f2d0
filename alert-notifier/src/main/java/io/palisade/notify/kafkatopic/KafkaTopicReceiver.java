package io.palisade.notify.kafkatopic;

import io.palisade.avro.Incident;
import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverId;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.Topic;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Republishes each incident version, unchanged (Avro, key = incident id, the incidents topic's
 * CloudEvents headers), to a per-team topic, so that a team's own tools consume only what is routed
 * to it. A send is delivered once the broker acknowledged it ({@code acks=all}); a retriable Kafka
 * error or a timeout is retried by the loop; any other (authorization, record too large) is
 * permanent.
 */
public final class KafkaTopicReceiver implements Receiver, AutoCloseable {

  public static final String NAME = "kafka-topic";

  private final ReceiverId id;
  private final Producer<byte[], byte[]> producer;
  private final Topic<String, Incident> incidents;
  private final KafkaTopicProperties properties;

  /** The instance of the single-instance keys, named {@value NAME}. */
  public KafkaTopicReceiver(
      Producer<byte[], byte[]> producer,
      Topic<String, Incident> incidents,
      KafkaTopicProperties properties) {
    this(ReceiverId.single(NAME), producer, incidents, properties);
  }

  /**
   * @param id the instance: its name and where it is configured
   * @param producer the byte producer, closed with this receiver
   * @param incidents the incidents topic, whose serdes and event type the copies share
   */
  public KafkaTopicReceiver(
      ReceiverId id,
      Producer<byte[], byte[]> producer,
      Topic<String, Incident> incidents,
      KafkaTopicProperties properties) {
    this.id = id;
    if (properties.topic() == null || properties.topic().isBlank()) {
      throw new IllegalArgumentException(id.property("topic") + " must be set");
    }
    this.producer = producer;
    this.incidents = incidents;
    this.properties = properties;
  }

  @Override
  public String name() {
    return id.name();
  }

  @Override
  public String kind() {
    return NAME;
  }

  @Override
  public DeliveryResult deliver(Incident incident) throws InterruptedException {
    String topic = properties.topic();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            incidents.keySerde().serializer().serialize(topic, incident.getId()),
            incidents.valueSerde().serializer().serialize(topic, incident));
    CloudEventHeaders.write(
        record.headers(),
        new CloudEvent(
            incident.getId() + "/" + incident.getVersion(),
            CloudEvent.sourceOf("alert-notifier", incident.getCluster()),
            incidents.eventType(),
            incident.getEventTime(),
            incident.getId()));
    Future<RecordMetadata> sent;
    try {
      sent = producer.send(record);
    } catch (RuntimeException e) {
      return classify(e);
    }
    try {
      sent.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return new DeliveryResult(DeliveryResult.Status.DELIVERED, null, null, null);
    } catch (TimeoutException e) {
      return DeliveryResult.noResponse(
          "no acknowledgement from " + topic + " within " + properties.timeout());
    } catch (ExecutionException e) {
      return classify(e.getCause());
    }
  }

  private DeliveryResult classify(Throwable error) {
    String text =
        properties.topic() + ": " + error.getClass().getSimpleName() + ": " + error.getMessage();
    return error instanceof RetriableException
            || error instanceof org.apache.kafka.common.errors.TimeoutException
        ? DeliveryResult.noResponse(text)
        : DeliveryResult.notSent(text);
  }

  /** Flushes and closes the producer (Spring calls it when the context closes). */
  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return "KafkaTopicReceiver[name=" + id.name() + ", topic=" + properties.topic() + "]";
  }
}
