package io.palisade.correlation.api;

import io.palisade.avro.IncidentAction;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Writes actions to the actions topic, keyed by cluster (so each reaches the correlation task that
 * holds its incident), with CloudEvents headers ({@code ce_id} = action id, {@code ce_subject} =
 * incident id), through one idempotent producer, waiting for the acknowledgement of all in-sync
 * replicas.
 */
public final class KafkaActionPublisher implements ActionPublisher, AutoCloseable {

  private final KafkaProducer<String, IncidentAction> producer;
  private final Topic<String, IncidentAction> topic;
  private final String service;
  private final Duration timeout;

  /**
   * @param clientSettings extra producer settings (TLS, SASL, …); the delivery settings here win
   */
  public KafkaActionPublisher(
      String bootstrapServers,
      String clientId,
      Topic<String, IncidentAction> topic,
      String service,
      Duration timeout,
      Map<String, String> clientSettings) {
    this.topic = topic;
    this.service = service;
    this.timeout = timeout;
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.CLIENT_ID_CONFIG,
            clientId,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) timeout.toMillis(),
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) timeout.dividedBy(2).toMillis(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            timeout.toMillis()));
    this.producer =
        new KafkaProducer<>(
            settings, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  @Override
  public void publish(IncidentAction action) {
    CloudEvent event =
        new CloudEvent(
            action.getId(),
            CloudEvent.sourceOf(service, action.getCluster()),
            topic.eventType(),
            action.getTime(),
            action.getIncidentId());
    try {
      producer
          .send(CloudEventHeaders.record(topic, action.getCluster(), action, event))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw unavailable(e);
    }
  }

  private ApiException unavailable(Exception e) {
    return ApiException.unavailable(
        "action-not-written",
        "the action could not be written to " + topic.name() + " (" + e + "); try again");
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
