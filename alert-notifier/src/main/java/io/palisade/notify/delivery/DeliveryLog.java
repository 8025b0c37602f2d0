package io.palisade.notify.delivery;

import io.palisade.avro.NotificationRecord;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the notifier writes to Kafka: a {@link NotificationRecord} per attempt (asynchronously; the
 * loop flushes before it commits offsets) and dead letters (synchronously: an unreadable record is
 * only skipped once its copy is safe).
 */
final class DeliveryLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

  private final Producer<byte[], byte[]> producer;
  private final Topic<String, NotificationRecord> notifications;
  private final DeliveryMetrics metrics;
  private final Duration ackTimeout;

  DeliveryLog(
      Producer<byte[], byte[]> producer,
      PalisadeTopics topics,
      DeliveryMetrics metrics,
      Duration ackTimeout) {
    this.producer = producer;
    this.notifications = topics.notifications();
    this.metrics = metrics;
    this.ackTimeout = ackTimeout;
  }

  void attempt(NotificationRecord record) {
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(
            notifications.name(),
            notifications
                .keySerde()
                .serializer()
                .serialize(notifications.name(), record.getIncidentId()),
            notifications.valueSerde().serializer().serialize(notifications.name(), record));
    CloudEventHeaders.write(
        out.headers(), AttemptRecords.eventOf(record, notifications.eventType()));
    try {
      producer.send(
          out,
          (metadata, error) -> {
            if (error != null) {
              metrics.logWriteFailed();
              log.warn(
                  "delivery-log record {} was not written to {}: {}",
                  record.getId(),
                  notifications.name(),
                  error.toString());
            }
          });
    } catch (KafkaException e) {
      metrics.logWriteFailed();
      log.warn("delivery-log record {} was not written: {}", record.getId(), e.toString());
    }
  }

  /** Writes a dead letter and waits for Kafka's acknowledgement. */
  void deadLetter(ProducerRecord<byte[], byte[]> record) throws InterruptedException {
    try {
      producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new DeadLetterException(
          "Kafka refused the dead letter for " + record.topic() + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new DeadLetterException(
          "Kafka did not acknowledge the dead letter for "
              + record.topic()
              + " within "
              + ackTimeout,
          e);
    } catch (KafkaException e) {
      throw new DeadLetterException("cannot send the dead letter: " + e, e);
    }
  }

  /** Waits until every record sent so far was acknowledged (or failed). */
  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(IncidentDeliveryLoop.CLOSE_TIMEOUT);
  }

  /** A dead letter could not be written; the unreadable record must not be skipped yet. */
  static final class DeadLetterException extends RuntimeException {
    DeadLetterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
