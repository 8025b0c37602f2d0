package io.palisade.runtime.falco;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTest {

  @Test
  void numbersLinesCountingBlankOnesButSkipsThem() {
    List<NdjsonLines.Line> lines =
        NdjsonLines.split("{\"a\":1}\n\n  \t\n{\"b\":2}\n".getBytes(UTF_8));

    assertThat(lines).extracting(NdjsonLines.Line::number).containsExactly(1, 4);
    assertThat(lines)
        .extracting(line -> new String(line.bytes(), UTF_8))
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void dropsCarriageReturnsAndReadsALastLineWithoutNewline() {
    List<NdjsonLines.Line> lines = NdjsonLines.split("{\"a\":1}\r\n\r\n{\"b\":2}".getBytes(UTF_8));

    assertThat(lines).extracting(NdjsonLines.Line::number).containsExactly(1, 3);
    assertThat(lines)
        .extracting(line -> new String(line.bytes(), UTF_8))
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void keepsMultiByteCharactersIntact() {
    List<NdjsonLines.Line> lines = NdjsonLines.split("{\"u\":\"é→日本\"}\n".getBytes(UTF_8));

    assertThat(new String(lines.get(0).bytes(), UTF_8)).isEqualTo("{\"u\":\"é→日本\"}");
  }

  @Test
  void findsNoLinesInAnEmptyOrBlankBody() {
    assertThat(NdjsonLines.split(new byte[0])).isEmpty();
    assertThat(NdjsonLines.split("\n \n\r\n".getBytes(UTF_8))).isEmpty();
  }
}
