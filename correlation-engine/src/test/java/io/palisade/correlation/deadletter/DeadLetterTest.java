package io.palisade.correlation.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private static final Instant WRITTEN = Instant.parse("2026-03-01T12:00:00Z");
  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();

  @Test
  void handlerDeadLettersTheBytesWithTheHeadersEveryPalisadeServiceWrites() {
    List<DeadLetter> letters = new ArrayList<>();
    DeadLetterHandler handler = new DeadLetterHandler();
    handler.configure(
        Map.of(
            DeadLetterHandler.SINK_CONFIG, (DeadLetterSink) letters::add,
            DeadLetterHandler.SERVICE_CONFIG, "correlation-engine",
            StreamsConfig.APPLICATION_ID_CONFIG, "palisade-detect"));
    RecordHeaders original = new RecordHeaders();
    original.add(CloudEventHeaders.ID, "evidence-1".getBytes(StandardCharsets.UTF_8));

    DeserializationHandlerResponse response =
        handler.handle(
            (ErrorHandlerContext) null, poison(original), new SerializationException("bad header"));

    assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
    ProducerRecord<byte[], byte[]> record =
        letters.get(0).toProducerRecord(topics.deadLetter(), "prod");
    assertThat(record.topic()).isEqualTo("palisade.deadletter.v1");
    assertThat(record.key()).isEqualTo(bytes("k"));
    assertThat(record.value()).isEqualTo(bytes("garbage"));
    Headers headers = record.headers();
    assertThat(text(headers, DeadLetter.ORIGIN)).isEqualTo("palisade.audit.v1/2/41");
    assertThat(text(headers, DeadLetter.TOPIC)).isEqualTo("palisade.audit.v1");
    assertThat(text(headers, DeadLetter.PARTITION)).isEqualTo("2");
    assertThat(text(headers, DeadLetter.OFFSET)).isEqualTo("41");
    assertThat(text(headers, DeadLetter.SERVICE)).isEqualTo("correlation-engine");
    assertThat(text(headers, DeadLetter.REASON)).isEqualTo("deserialization");
    assertThat(text(headers, DeadLetter.ERROR))
        .isEqualTo("org.apache.kafka.common.errors.SerializationException: bad header");
    assertThat(text(headers, DeadLetter.ORIGINAL_HEADER_PREFIX + CloudEventHeaders.ID))
        .isEqualTo("evidence-1");
    assertThat(text(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/octet-stream");
    Optional<CloudEvent> event = CloudEventHeaders.read(headers);
    assertThat(event).isPresent();
    assertThat(event.get().id()).isEqualTo("palisade.audit.v1/2/41");
    assertThat(event.get().type()).isEqualTo("io.palisade.deadletter.v1");
    assertThat(event.get().source()).hasToString("/palisade/correlation-engine/prod");
    assertThat(event.get().time()).isEqualTo(WRITTEN);
  }

  @Test
  void handlerNamesTheStreamsApplicationWhenNoServiceIsConfigured() {
    List<DeadLetter> letters = new ArrayList<>();
    DeadLetterHandler handler = new DeadLetterHandler();
    handler.configure(
        Map.of(
            DeadLetterHandler.SINK_CONFIG,
            (DeadLetterSink) letters::add,
            StreamsConfig.APPLICATION_ID_CONFIG,
            "palisade-correlate"));

    handler.handle(
        (ErrorHandlerContext) null, poison(new RecordHeaders()), new SerializationException("x"));

    assertThat(letters)
        .singleElement()
        .extracting(DeadLetter::service)
        .isEqualTo("palisade-correlate");
  }

  @Test
  void handlerContinuesWhenTheSinkFails() {
    DeadLetterHandler handler = new DeadLetterHandler();
    handler.configure(
        Map.of(
            DeadLetterHandler.SINK_CONFIG,
            (DeadLetterSink)
                letter -> {
                  throw new IllegalStateException("broker down");
                }));

    DeserializationHandlerResponse response =
        handler.handle(
            (ErrorHandlerContext) null,
            poison(new RecordHeaders()),
            new SerializationException("bad"));

    assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
  }

  @Test
  void handlerWithoutSinkStillContinues() {
    DeadLetterHandler handler = new DeadLetterHandler();
    handler.configure(Map.of());

    assertThat(
            handler.handle(
                (ErrorHandlerContext) null,
                poison(new RecordHeaders()),
                new SerializationException("x")))
        .isEqualTo(DeserializationHandlerResponse.CONTINUE);
  }

  private static ConsumerRecord<byte[], byte[]> poison(Headers headers) {
    return new ConsumerRecord<>(
        "palisade.audit.v1",
        2,
        41,
        WRITTEN.toEpochMilli(),
        TimestampType.CREATE_TIME,
        1,
        7,
        bytes("k"),
        bytes("garbage"),
        headers,
        Optional.empty());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
