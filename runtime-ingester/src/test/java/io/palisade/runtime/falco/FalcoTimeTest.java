package io.palisade.runtime.falco;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FalcoTimeTest {

  @ParameterizedTest
  @CsvSource({
    "2023-05-25T13:44:05.478445995Z, 2023-05-25T13:44:05.478445995Z",
    "2023-05-25T13:44:05Z, 2023-05-25T13:44:05Z",
    "2023-05-25T15:44:05.478445995+02:00, 2023-05-25T13:44:05.478445995Z",
    "2026-07-07T08:29:32.957192026+0000, 2026-07-07T08:29:32.957192026Z"
  })
  void readsIsoTimesWithNanosecondsAndOffsets(String text, String expected) {
    assertThat(FalcoTime.parse(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2021-04-13T20:58:00.746609046Z+2", "2023-05-25T13:44:05", "13:44:05", "x", " "})
  void refusesTimesWithoutAValidOffset(String text) {
    assertThat(FalcoTime.parse(text)).isEmpty();
  }
}
