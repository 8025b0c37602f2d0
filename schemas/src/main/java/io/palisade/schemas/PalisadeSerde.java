package io.palisade.schemas;

import io.palisade.schemas.binary.AvroOutput;
import io.palisade.schemas.binary.RecordWriter;
import io.palisade.schemas.binary.RecordWriters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one Kafka Serde for Palisade's Avro records, in Avro single-object encoding (2-byte marker,
 * 8-byte CRC-64-AVRO fingerprint of the writer schema, binary body). Records are self-describing:
 * no schema registry is needed, and every published writer schema is resolved to the current reader
 * schema through {@link PublishedSchemas}.
 *
 * <p>The records the intakes publish at volume ({@code AuditEvent}, {@code RuntimeAlert}) are
 * encoded by hand-written writers ({@link RecordWriters}) into a per-thread buffer; their bytes are
 * the same as Avro's.
 *
 * <p>Decoding failures (unknown fingerprint, not single-object encoded, corrupt body) raise Kafka's
 * {@link SerializationException} with a message that says which.
 */
public final class PalisadeSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  /** Avro 1.12.2 refuses to instantiate classes outside trusted packages; trust the contract's. */
  static final String CONTRACT_PACKAGE = "io.palisade.avro.";

  static {
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(),
            type -> type.getName().startsWith(CONTRACT_PACKAGE)));
  }

  /** A thread's encoding buffer is kept up to this size. */
  private static final int MAX_KEPT_BUFFER = 1 << 20;

  private static final ThreadLocal<ReusableBuffer> BUFFER =
      ThreadLocal.withInitial(ReusableBuffer::new);

  private static final ThreadLocal<AvroOutput> OUTPUT =
      ThreadLocal.withInitial(() -> new AvroOutput(4_096));

  /** Avro's single-object marker. */
  private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final RecordWriter<T> handWritten;
  private final byte[] header;

  private PalisadeSerde(Class<T> type, PublishedSchemas store) {
    this.type = type;
    Schema current = SpecificData.get().getSchema(type);
    SpecificData model = new SpecificData(type.getClassLoader());
    // Generated classes convert their own top-level timestamps; a timestamp inside a union (e.g.
    // Incident.acknowledgedAt, ["null", timestamp-millis]) is converted by the model.
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    store.add(current);
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, store);
    this.handWritten = RecordWriters.forType(type, current).orElse(null);
    this.header =
        ByteBuffer.allocate(MARKER.length + Long.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put(MARKER)
            .putLong(SchemaNormalization.parsingFingerprint64(current))
            .array();
  }

  /** A Serde for one record type of the contract, e.g. {@code PalisadeSerde.of(Incident.class)}. */
  public static <T extends SpecificRecord> PalisadeSerde<T> of(Class<T> type) {
    return new PalisadeSerde<>(type, PublishedSchemas.load(List.of(type.getSimpleName())));
  }

  /** A Serde that resolves writer schemas through the given store (e.g. with extra history). */
  public static <T extends SpecificRecord> PalisadeSerde<T> of(
      Class<T> type, PublishedSchemas store) {
    return new PalisadeSerde<>(type, store);
  }

  public Class<T> type() {
    return type;
  }

  /** Whether records are encoded by a hand-written writer rather than Avro's generic one. */
  public boolean usesHandWrittenWriter() {
    return handWritten != null;
  }

  @Override
  public byte[] serialize(String topic, T value) {
    if (value == null) {
      return null; // a tombstone stays a tombstone
    }
    if (handWritten != null) {
      return serializeByHand(topic, value);
    }
    try {
      // one copy: out of a per-thread buffer into the record's own array
      ReusableBuffer buffer = BUFFER.get();
      buffer.reset();
      encoder.encode(value, buffer);
      byte[] bytes = buffer.toByteArray();
      if (buffer.capacity() > MAX_KEPT_BUFFER) {
        BUFFER.remove(); // one huge record must not pin its buffer to the thread for good
      }
      return bytes;
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(),
          e);
    }
  }

  private byte[] serializeByHand(String topic, T value) {
    AvroOutput out = OUTPUT.get();
    out.reset();
    out.writeRaw(header);
    try {
      handWritten.write(value, out);
    } catch (AvroRuntimeException e) {
      throw new SerializationException(
          "cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(),
          e);
    } finally {
      if (out.capacity() > MAX_KEPT_BUFFER) {
        OUTPUT.remove(); // one huge record must not pin its buffer to the thread for good
      }
    }
    return out.toByteArray();
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(data);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "cannot decode "
              + type.getSimpleName()
              + " from topic "
              + topic
              + ": the writer schema's fingerprint is unknown to this reader ("
              + e.getMessage()
              + "); was it written by a newer, unpublished schema?",
          e);
    } catch (BadHeaderException e) {
      throw new SerializationException(
          "cannot decode "
              + type.getSimpleName()
              + " from topic "
              + topic
              + ": not Avro single-object encoding ("
              + e.getMessage()
              + ")",
          e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "cannot decode "
              + type.getSimpleName()
              + " from topic "
              + topic
              + ": corrupt record body of "
              + data.length
              + " bytes ("
              + e
              + ")",
          e);
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
    // nothing to configure: the record type fixes the reader schema
  }

  @Override
  public void close() {
    // nothing to release: the Serde is shared by producers, consumers and streams alike
  }

  /** A byte stream whose capacity can be checked. */
  private static final class ReusableBuffer extends ByteArrayOutputStream {

    ReusableBuffer() {
      super(4_096);
    }

    int capacity() {
      return buf.length;
    }
  }
}
