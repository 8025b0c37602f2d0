package io.palisade.schemas.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.UserInfo;
import io.palisade.schemas.PalisadeSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The hand-written writers against Avro's own: on thousands of random records (every optional field
 * null and set, empty and large collections, strings of ASCII, Latin-1, CJK, emoji and lone
 * surrogates, short and long, extreme numbers) the bytes must be identical to {@code
 * BinaryMessageEncoder}'s, header included. (The decoder is Avro's own; a lone surrogate is written
 * as {@code ?} by both, so such records do not round-trip and are compared as bytes only.)
 */
class RecordWritersTest {

  private static final int RECORDS = 3_000;

  @Test
  void theSerdeUsesTheHandWrittenWritersForTheIntakeRecords() {
    assertThat(PalisadeSerde.of(AuditEvent.class).usesHandWrittenWriter())
        .as("AuditEventWriter no longer matches AuditEvent.avsc: update it and WRITTEN_FOR")
        .isTrue();
    assertThat(PalisadeSerde.of(RuntimeAlert.class).usesHandWrittenWriter())
        .as("RuntimeAlertWriter no longer matches RuntimeAlert.avsc: update it and WRITTEN_FOR")
        .isTrue();
  }

  @Test
  void writesRandomAuditEventsByteForByteAsAvro() {
    SplittableRandom random = new SplittableRandom(20261128L);
    PalisadeSerde<AuditEvent> serde = PalisadeSerde.of(AuditEvent.class);
    for (int i = 0; i < RECORDS; i++) {
      AuditEvent event = randomAuditEvent(random);
      byte[] expected = avro(event);
      byte[] actual = serde.serialize("t", event);
      assertSameBytes(actual, expected, i);
    }
  }

  @Test
  void writesRandomRuntimeAlertsByteForByteAsAvro() {
    SplittableRandom random = new SplittableRandom(20261129L);
    PalisadeSerde<RuntimeAlert> serde = PalisadeSerde.of(RuntimeAlert.class);
    for (int i = 0; i < RECORDS; i++) {
      RuntimeAlert alert = randomRuntimeAlert(random);
      byte[] expected = avro(alert);
      byte[] actual = serde.serialize("t", alert);
      assertSameBytes(actual, expected, i);
    }
  }

  @Test
  void aNullWhereTheSchemaHasNoneIsASerializationErrorNamingTheField() {
    AuditEvent event = randomAuditEvent(new SplittableRandom(1));
    event.setCluster(null);
    assertThatThrownBy(() -> PalisadeSerde.of(AuditEvent.class).serialize("audit", event))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("AuditEvent.cluster");

    RuntimeAlert alert = randomRuntimeAlert(new SplittableRandom(2));
    alert.getTags().add(null);
    assertThatThrownBy(() -> PalisadeSerde.of(RuntimeAlert.class).serialize("runtime", alert))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RuntimeAlert.tags");
  }

  @Test
  void aLargeRecordGrowsTheBufferAndTheNextOneIsStillRight() {
    SplittableRandom random = new SplittableRandom(3);
    PalisadeSerde<AuditEvent> serde = PalisadeSerde.of(AuditEvent.class);
    AuditEvent large = randomAuditEvent(random);
    large.setRequestObjectJson("{\"a\":\"" + "x".repeat(3 << 20) + "\"}");
    assertThat(serde.serialize("t", large)).isEqualTo(avro(large));
    AuditEvent small = randomAuditEvent(random);
    assertThat(serde.serialize("t", small)).isEqualTo(avro(small));
  }

  private static void assertSameBytes(byte[] actual, byte[] expected, int record) {
    int mismatch = java.util.Arrays.mismatch(actual, expected);
    assertThat(mismatch)
        .as(
            "record %d: first differing byte (lengths %d and %d); hand-written %s, Avro %s",
            record,
            actual.length,
            expected.length,
            around(actual, mismatch),
            around(expected, mismatch))
        .isEqualTo(-1);
  }

  private static String around(byte[] bytes, int at) {
    int from = Math.max(0, at - 8);
    int to = Math.min(bytes.length, at + 8);
    return java.util.HexFormat.ofDelimiter(" ")
        .formatHex(java.util.Arrays.copyOfRange(bytes, from, Math.max(from, to)));
  }

  static <T extends SpecificRecord> byte[] avro(T record) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    BinaryMessageEncoder<T> encoder =
        new BinaryMessageEncoder<>(new SpecificData(type.getClassLoader()), record.getSchema());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      encoder.encode(record, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static AuditEvent randomAuditEvent(SplittableRandom random) {
    return AuditEvent.newBuilder()
        .setId(text(random))
        .setCluster(text(random))
        .setEventTime(instant(random))
        .setIngestTime(instant(random))
        .setAuditId(text(random))
        .setStage(text(random))
        .setLevel(text(random))
        .setVerb(text(random))
        .setRequestUri(text(random))
        .setUser(user(random))
        .setImpersonatedUser(random.nextBoolean() ? null : user(random))
        .setSourceIps(strings(random))
        .setUserAgent(nullableText(random))
        .setObjectRef(
            random.nextBoolean()
                ? null
                : ObjectReference.newBuilder()
                    .setResource(nullableText(random))
                    .setNamespace(nullableText(random))
                    .setName(nullableText(random))
                    .setUid(nullableText(random))
                    .setApiGroup(nullableText(random))
                    .setApiVersion(nullableText(random))
                    .setResourceVersion(nullableText(random))
                    .setSubresource(nullableText(random))
                    .build())
        .setResponseCode(random.nextInt(4) == 0 ? null : number(random))
        .setRequestObjectJson(random.nextBoolean() ? null : longText(random))
        .setResponseObjectJson(random.nextBoolean() ? null : longText(random))
        .setAnnotations(stringMap(random))
        .setIntakeFormat(text(random))
        .build();
  }

  static RuntimeAlert randomRuntimeAlert(SplittableRandom random) {
    Map<String, String> fields = new LinkedHashMap<>();
    int count = random.nextInt(4) == 0 ? 0 : random.nextInt(40);
    for (int i = 0; i < count; i++) {
      fields.put(text(random), nullableText(random));
    }
    FalcoPriority[] priorities = FalcoPriority.values();
    Severity[] severities = Severity.values();
    return RuntimeAlert.newBuilder()
        .setId(text(random))
        .setCluster(text(random))
        .setEventTime(instant(random))
        .setEventTimeNanos(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1_000_000))
        .setIngestTime(instant(random))
        .setRule(text(random))
        .setPriority(priorities[random.nextInt(priorities.length)])
        .setSource(text(random))
        .setHostname(text(random))
        .setOutput(random.nextBoolean() ? text(random) : longText(random))
        .setTags(strings(random))
        .setOutputFields(fields)
        .setNamespace(nullableText(random))
        .setPod(nullableText(random))
        .setContainerId(nullableText(random))
        .setImage(nullableText(random))
        .setSeverity(severities[random.nextInt(severities.length)])
        .setTactics(strings(random))
        .setTechniques(strings(random))
        .build();
  }

  private static UserInfo user(SplittableRandom random) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    int count = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
    for (int i = 0; i < count; i++) {
      extra.put(text(random), strings(random));
    }
    return UserInfo.newBuilder()
        .setUsername(text(random))
        .setUid(nullableText(random))
        .setGroups(strings(random))
        .setExtra(extra)
        .build();
  }

  private static Instant instant(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> Instant.ofEpochMilli(0);
      case 1 -> Instant.ofEpochMilli(-random.nextLong(1L << 40));
      default -> Instant.ofEpochMilli(random.nextLong(1L << 45));
    };
  }

  private static int number(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> Integer.MIN_VALUE;
      case 1 -> Integer.MAX_VALUE;
      case 2 -> random.nextInt(-100, 100);
      default -> random.nextInt(100, 600);
    };
  }

  private static List<String> strings(SplittableRandom random) {
    List<String> values = new ArrayList<>();
    int count = random.nextInt(3) == 0 ? 0 : random.nextInt(1, 70);
    for (int i = 0; i < count; i++) {
      values.add(text(random));
    }
    return values;
  }

  private static Map<String, String> stringMap(SplittableRandom random) {
    Map<String, String> map = new LinkedHashMap<>();
    int count = random.nextInt(3) == 0 ? 0 : random.nextInt(1, 70);
    for (int i = 0; i < count; i++) {
      map.put(text(random), text(random));
    }
    return map;
  }

  private static String nullableText(SplittableRandom random) {
    return random.nextInt(3) == 0 ? null : text(random);
  }

  /** Mostly short strings, around the one-byte-length boundary (63/64 characters) too. */
  private static String text(SplittableRandom random) {
    int length =
        switch (random.nextInt(5)) {
          case 0 -> 0;
          case 1 -> random.nextInt(60, 70);
          case 2 -> random.nextInt(1, 300);
          default -> random.nextInt(1, 20);
        };
    return text(random, length);
  }

  private static String longText(SplittableRandom random) {
    return text(random, random.nextInt(100, 5_000));
  }

  private static final String[] ALPHABETS = {
    "abcdefghijklmnopqrstuvwxyz0123456789-_/:.{}\"\\ ",
    "\u00e9\u00fc\u00df\u00a0\u00ff\u0080",
    "\u4e2d\u6587\u65e5\u672c\u8a9e",
    "\ud83d\ude00\ud83d\udd12",
    "\ud800\udfff\u0000\u007f"
  };

  private static String text(SplittableRandom random, int length) {
    // most strings plain ASCII; some with other characters mixed in at random places
    int kinds = random.nextInt(3) == 0 ? ALPHABETS.length : 1;
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      String alphabet = ALPHABETS[random.nextInt(10) == 0 ? random.nextInt(kinds) : 0];
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
