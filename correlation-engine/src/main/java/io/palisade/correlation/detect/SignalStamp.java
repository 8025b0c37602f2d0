package io.palisade.correlation.detect;

import io.palisade.avro.Signal;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Gives each signal record its own CloudEvents headers. The evidence record's headers would
 * otherwise travel along (Kafka Streams forwards input headers), so they are replaced, not edited.
 */
final class SignalStamp implements FixedKeyProcessor<String, Signal, Signal> {

  private final String service;
  private final String eventType;
  private FixedKeyProcessorContext<String, Signal> context;

  SignalStamp(String service, String eventType) {
    this.service = service;
    this.eventType = eventType;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Signal> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Signal> record) {
    Signal signal = record.value();
    Headers headers = new RecordHeaders();
    CloudEventHeaders.write(
        headers,
        new CloudEvent(
            signal.getId(),
            CloudEvent.sourceOf(service, signal.getCluster()),
            eventType,
            signal.getEventTime(),
            signal.getRuleId()));
    context.forward(record.withHeaders(headers));
  }
}
