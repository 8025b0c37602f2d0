package io.palisade.correlation.deadletter;

import io.palisade.schemas.DeadLetter;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' processing exception handler for the engine: a record that decodes but makes a
 * processor throw (a poison signal in {@code correlate}, an event no rule can cope with in {@code
 * detect}) is logged, handed to the {@link DeadLetterSink} as a {@link DeadLetter} with reason
 * {@value #REASON}, the processor node and the error, and skipped, so the stream keeps running. The
 * dead letter carries the bytes of the input record the task was processing (its source topic,
 * partition and offset), as the deserialization handler does.
 *
 * <p>Configured like {@link DeadLetterHandler}: {@code processing.exception.handler} = this class,
 * the sink object under {@value DeadLetterHandler#SINK_CONFIG}, the service under {@value
 * DeadLetterHandler#SERVICE_CONFIG}. What the failing processor wrote to its stores before it threw
 * stays (it is part of the same transaction as the skip). An exception in a punctuator has no input
 * record: it is logged and the punctuation skipped.
 */
public final class ProcessingDeadLetterHandler implements ProcessingExceptionHandler {

  static final String REASON = "processing";

  private static final Logger log = LoggerFactory.getLogger(ProcessingDeadLetterHandler.class);

  private DeadLetterSink sink;
  private String application;
  private String service;

  @Override
  public void configure(Map<String, ?> configs) {
    Object configured = configs.get(DeadLetterHandler.SINK_CONFIG);
    sink = configured instanceof DeadLetterSink deadLetterSink ? deadLetterSink : null;
    Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    application = applicationId == null ? null : applicationId.toString();
    Object configuredService = configs.get(DeadLetterHandler.SERVICE_CONFIG);
    service =
        configuredService != null
            ? configuredService.toString()
            : application == null ? "correlation-engine" : application;
    if (sink == null) {
      log.warn(
          "no dead-letter sink configured ({}): records that fail processing are only logged",
          DeadLetterHandler.SINK_CONFIG);
    }
  }

  @Override
  public ProcessingHandlerResponse handle(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (context.topic() == null) {
      log.error(
          "punctuation of {} in task {} of {} failed; it is skipped",
          context.processorNodeId(),
          context.taskId(),
          application,
          exception);
      return ProcessingHandlerResponse.CONTINUE;
    }
    log.warn(
        "skipping record {}-{}@{} that failed in {} of {}: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        application,
        exception.toString());
    if (sink != null) {
      try {
        sink.accept(letter(context, exception));
      } catch (RuntimeException e) {
        log.error(
            "could not dead-letter record {}-{}@{}; it is skipped, re-read it from its topic",
            context.topic(),
            context.partition(),
            context.offset(),
            e);
      }
    }
    return ProcessingHandlerResponse.CONTINUE;
  }

  private DeadLetter letter(ErrorHandlerContext context, Exception exception) {
    return new DeadLetter(
        context.topic() + "/" + context.partition() + "/" + context.offset(),
        context.sourceRawKey(),
        context.sourceRawValue(),
        context.headers(),
        context.topic(),
        context.partition(),
        context.offset(),
        service,
        REASON,
        "in " + context.processorNodeId() + ": " + exception,
        context.timestamp() >= 0 ? Instant.ofEpochMilli(context.timestamp()) : Instant.EPOCH);
  }
}
