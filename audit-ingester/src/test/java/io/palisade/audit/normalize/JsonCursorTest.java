package io.palisade.audit.normalize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.intake.IntakeEndpointProperties.Limits;
import io.palisade.intake.json.IntakeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadConstraints;

/**
 * {@link JsonCursor} reads what it is sure of exactly as Jackson does and leaves the rest to
 * Jackson ({@link JsonCursor.Unsure}). {@code EventListScanTest} compares the two on mutated
 * bodies; these are the cases named one by one.
 */
class JsonCursorTest {

  private static final StreamReadConstraints LIMITS =
      IntakeJson.mapper(new Limits(DataSize.ofKilobytes(64), 10, DataSize.ofBytes(64), 6))
          .tokenStreamFactory()
          .streamReadConstraints();

  @Test
  void decodesStringsAsJacksonDoes() {
    assertThat(string("\"plain ascii, long enough for whole words\""))
        .isEqualTo("plain ascii, long enough for whole words");
    assertThat(string("\"caf\u00e9 \u20ac \ud83d\ude00\""))
        .isEqualTo("caf\u00e9 \u20ac \ud83d\ude00");
    assertThat(string("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\\u0041\\u00e9\""))
        .isEqualTo("a\"b\\c/d\b\f\n\r\teA\u00e9");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"unterminated",
        "\"a control \u0001 character\"",
        "\"an escape Jackson refuses: \\x\"",
        "\"a short escape \\u12\"",
        "\"a surrogate escape \\ud83d\\ude00\"",
        "\"longer than the longest string Jackson reads here: 0123456789012345678901234567890\""
      })
  void leavesToJacksonStringsItIsNotSureOf(String json) {
    assertThatThrownBy(() -> string(json)).isInstanceOf(JsonCursor.Unsure.class);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0x80, // a continuation byte alone
        0xC0, // an overlong lead
        0xF5, // beyond U+10FFFF
      })
  void leavesToJacksonUtf8ThatIsNotWellFormed(int lead) {
    byte[] bytes = {'"', 'a', (byte) lead, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'};
    assertThatThrownBy(() -> new JsonCursor(bytes, LIMITS).string())
        .isInstanceOf(JsonCursor.Unsure.class);
  }

  @Test
  void leavesToJacksonUtf8EncodedSurrogates() {
    byte[] bytes = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    assertThatThrownBy(() -> new JsonCursor(bytes, LIMITS).string())
        .isInstanceOf(JsonCursor.Unsure.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "-0", "12", "-7.25", "1e5", "1E+5", "2.5e-3", "true", "false", "null"})
  void skipsScalarsOfJsonsGrammar(String scalar) {
    JsonCursor cursor = cursor("[" + scalar + "]");
    cursor.skipValue(0);
    assertThat(cursor.atEnd()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[01]",
        "[1.]",
        "[.5]",
        "[-]",
        "[1e]",
        "[+1]",
        "[tru]",
        "[nul]",
        "[1,]",
        "[,1]",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{a:1}",
        "[1 2]",
        "[[[[[[[1]]]]]]]"
      })
  void leavesToJacksonWhatIsNotJsonOrTooDeep(String json) {
    assertThatThrownBy(() -> cursor(json).skipValue(0)).isInstanceOf(JsonCursor.Unsure.class);
  }

  @Test
  void seesANonAsciiByteAfterTheDocumentAsContentNotAsTheEnd() {
    byte[] bytes = {'{', '}', (byte) 0xFF};
    JsonCursor cursor = new JsonCursor(bytes, LIMITS);
    cursor.skipValue(0);
    assertThat(cursor.atEnd()).isFalse();
    assertThat(cursor.peek()).isEqualTo(0xFF);
  }

  @Test
  void readsIntsAsJacksonsIntType() {
    assertThat(cursor("-0").intOrNull(0)).isEqualTo(0);
    assertThat(cursor("2147483647").intOrNull(0)).isEqualTo(Integer.MAX_VALUE);
    assertThat(cursor("-2147483648").intOrNull(0)).isEqualTo(Integer.MIN_VALUE);
    assertThat(cursor("2147483648").intOrNull(0)).isNull();
    assertThat(cursor("404.0").intOrNull(0)).isNull();
    assertThat(cursor("\"404\"").intOrNull(0)).isNull();
  }

  @Test
  void keepsTheTextOfAContainerAsSent() {
    String object = "{ \"a\" : [1, {\"b\":\"caf\u00e9\"}],\n \"c\":null }";
    JsonCursor cursor = cursor(object + " , ");
    assertThat(cursor.rawContainer(0)).isEqualTo(object);
  }

  @Test
  void matchesNamesWithoutEscapesOnly() {
    byte[][] names = JsonCursor.names("verb", "user");
    assertThat(cursor("\"user\":1").name(names)).isEqualTo(1);
    assertThat(cursor("\"users\":1").name(names)).isEqualTo(-1);
    assertThatThrownBy(() -> cursor("\"\\u0075ser\":1").name(names))
        .isInstanceOf(JsonCursor.Unsure.class);
  }

  private static String string(String json) {
    return cursor(json).string();
  }

  private static JsonCursor cursor(String json) {
    return new JsonCursor(json.getBytes(UTF_8), LIMITS);
  }
}
