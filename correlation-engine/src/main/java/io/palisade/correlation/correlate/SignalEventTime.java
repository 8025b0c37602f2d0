package io.palisade.correlation.correlate;

import io.palisade.avro.Signal;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Correlation runs on event time: a signal's timestamp is its evidence's event time, not when it
 * reached Kafka, so the window means "30 minutes apart in the cluster", whatever the delays.
 */
public final class SignalEventTime implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof Signal signal && signal.getEventTime() != null) {
      return signal.getEventTime().toEpochMilli();
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
