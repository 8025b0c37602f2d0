package io.palisade.correlation.deadletter;

import io.palisade.schemas.DeadLetter;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' deserialization exception handler for the engine: a record that cannot be decoded
 * is logged, handed as a {@link DeadLetter} (the one format every Palisade service writes) to the
 * {@link DeadLetterSink} found in the Streams configuration under {@value #SINK_CONFIG}, and
 * skipped, so that one poison record neither crashes nor stalls the application. Without a sink (or
 * when the sink fails) it still logs and continues.
 *
 * <p>Configure it with {@code deserialization.exception.handler} = this class, put the sink object
 * itself into the configuration map, and the service name under {@value #SERVICE_CONFIG} (else the
 * Streams application id names the refusing service).
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

  /** Streams configuration key whose value is the {@link DeadLetterSink} instance. */
  public static final String SINK_CONFIG = "palisade.dead-letter.sink";

  /** Streams configuration key whose value is the service named in {@code palisade.dlt.service}. */
  public static final String SERVICE_CONFIG = "palisade.dead-letter.service";

  static final String REASON = "deserialization";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

  private DeadLetterSink sink;
  private String application;
  private String service;

  @Override
  public void configure(Map<String, ?> configs) {
    Object configured = configs.get(SINK_CONFIG);
    sink = configured instanceof DeadLetterSink deadLetterSink ? deadLetterSink : null;
    Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    application = applicationId == null ? null : applicationId.toString();
    Object configuredService = configs.get(SERVICE_CONFIG);
    service =
        configuredService != null
            ? configuredService.toString()
            : application == null ? "correlation-engine" : application;
    if (sink == null) {
      log.warn(
          "no dead-letter sink configured ({}): undecodable records are only logged", SINK_CONFIG);
    }
  }

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn(
        "skipping undecodable record {}-{}@{} in {}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        application,
        exception.getMessage());
    if (sink != null) {
      try {
        sink.accept(DeadLetter.ofRecord(record, service, REASON, exception));
      } catch (RuntimeException e) {
        log.error(
            "could not dead-letter record {}-{}@{}; it is skipped, re-read it from its topic",
            record.topic(),
            record.partition(),
            record.offset(),
            e);
      }
    }
    return DeserializationHandlerResponse.CONTINUE;
  }
}
