package io.palisade.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PalisadeSerdeTest {

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void roundTripsEveryContractRecordInSingleObjectEncoding() {
    for (SpecificRecord record : ContractSamples.all()) {
      PalisadeSerde serde = PalisadeSerde.of(record.getClass());
      byte[] bytes = serde.serialize("t", record);

      assertThat(bytes[0]).as("single-object marker").isEqualTo((byte) 0xC3);
      assertThat(bytes[1]).isEqualTo((byte) 0x01);
      assertThat(serde.deserialize("t", bytes)).isEqualTo(record);
    }
  }

  @Test
  void keepsTombstonesAsNull() {
    PalisadeSerde<Signal> serde = PalisadeSerde.of(Signal.class);
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }

  @Test
  void resolvesAnOlderWriterSchemaFromTheStoreAndFillsDefaults() {
    // An older AuditEvent that had neither impersonatedUser, userAgent, annotations nor
    // intakeFormat.
    Schema current = AuditEvent.getClassSchema();
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record("AuditEvent").namespace("io.palisade.avro").fields();
    for (Schema.Field field : current.getFields()) {
      if (!field.name().matches("impersonatedUser|userAgent|annotations|intakeFormat")) {
        fields = fields.name(field.name()).type(field.schema()).noDefault();
      }
    }
    Schema older = fields.endRecord();
    AuditEvent sample = ContractSamples.audit();
    GenericRecord oldRecord = new GenericData.Record(older);
    for (Schema.Field field : older.getFields()) {
      Object value = sample.get(field.name());
      oldRecord.put(field.name(), value instanceof java.time.Instant t ? t.toEpochMilli() : value);
    }
    byte[] written = encode(older, oldRecord);

    PublishedSchemas store = PublishedSchemas.load(java.util.List.of("AuditEvent"));
    store.add(older);
    AuditEvent read = PalisadeSerde.of(AuditEvent.class, store).deserialize("audit", written);

    assertThat(read.getAuditId()).isEqualTo("0f1e");
    assertThat(read.getObjectRef().getSubresource()).isEqualTo("exec");
    assertThat(read.getIntakeFormat()).isEqualTo("webhook");
    assertThat(read.getAnnotations()).isEmpty();
  }

  @Test
  void readsARuntimeAlertWrittenWithPublishedV1WithSeverityAndAttackFieldsDefaulted() {
    Schema v1 = PublishedSchemas.history("RuntimeAlert").get(0);
    RuntimeAlert sample = ContractSamples.runtime();
    GenericRecord oldRecord = new GenericData.Record(v1);
    for (Schema.Field field : v1.getFields()) {
      Object value = sample.get(field.name());
      if (value instanceof java.time.Instant t) {
        value = t.toEpochMilli();
      } else if (value instanceof Enum<?> symbol) {
        value = new GenericData.EnumSymbol(field.schema(), symbol.name());
      }
      oldRecord.put(field.name(), value);
    }

    RuntimeAlert read =
        PalisadeSerde.of(RuntimeAlert.class).deserialize("runtime", encode(v1, oldRecord));

    assertThat(read.getRule()).isEqualTo(sample.getRule());
    assertThat(read.getPod()).isEqualTo("web-1");
    assertThat(read.getSeverity()).isEqualTo(Severity.UNKNOWN);
    assertThat(read.getTactics()).isEmpty();
    assertThat(read.getTechniques()).isEmpty();
  }

  @Test
  void refusesAnUnknownWriterFingerprintWithAClearSerializationException() {
    byte[] bytes = PalisadeSerde.of(Signal.class).serialize("t", ContractSamples.signal());
    bytes[5] ^= 0x5A; // flip a bit of the fingerprint

    assertThatThrownBy(
            () -> PalisadeSerde.of(Signal.class).deserialize("palisade.signals.v1", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Signal")
        .hasMessageContaining("palisade.signals.v1")
        .hasMessageContaining("fingerprint is unknown");
  }

  @Test
  void refusesBytesThatAreNotSingleObjectEncoded() {
    byte[] json = "{\"id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> PalisadeSerde.of(Signal.class).deserialize("t", json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not Avro single-object encoding");
  }

  @Test
  void refusesATruncatedBody() {
    byte[] bytes = PalisadeSerde.of(Signal.class).serialize("t", ContractSamples.signal());
    byte[] truncated = Arrays.copyOf(bytes, 14);

    assertThatThrownBy(() -> PalisadeSerde.of(Signal.class).deserialize("t", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("corrupt record body of 14 bytes");
  }

  private static byte[] encode(Schema schema, GenericRecord record) {
    try {
      ByteBuffer buffer =
          new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
