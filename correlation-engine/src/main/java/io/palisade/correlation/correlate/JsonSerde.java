package io.palisade.correlation.correlate;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the correlation engine's own state (store values and their changelogs). Internal, not
 * part of the published contract, so plain JSON of the state records is enough; unknown fields are
 * ignored so that a newer state can still be read after a rollback.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

  /**
   * Instants as epoch milliseconds (every time in the state is a Kafka or Avro millisecond time):
   * ISO text cost a tenth of the correlation's CPU in formatting and parsing. Instants written as
   * ISO text by earlier versions still read.
   */
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
          .disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
          .build();

  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return MAPPER.readValue(data, type);
    } catch (JacksonException e) {
      throw new SerializationException(
          "cannot read " + type.getSimpleName() + " from " + data.length + " bytes of JSON", e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // nothing to configure: the state type fixes the JSON shape
  }

  @Override
  public void close() {
    // nothing to release
  }
}
