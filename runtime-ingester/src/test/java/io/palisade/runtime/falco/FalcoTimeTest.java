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

  /** The formatter FalcoTime used alone before it read its own form by hand. */
  private static final java.time.format.DateTimeFormatter FORMATTER =
      new java.time.format.DateTimeFormatterBuilder()
          .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  @org.junit.jupiter.api.Test
  void readsFalcosOwnFormByHandExactlyAsTheFormatterDoes() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    int byHand = 0;
    for (int i = 0; i < 50_000; i++) {
      String fraction =
          switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> ".";
            default -> "." + "123456789".substring(0, random.nextInt(1, 10));
          };
      String text =
          "%04d-%02d-%02dT%02d:%02d:%02d%sZ"
              .formatted(
                  random.nextInt(1960, 2100),
                  random.nextInt(0, 14),
                  random.nextInt(0, 33),
                  random.nextInt(0, 25),
                  random.nextInt(0, 61),
                  random.nextInt(0, 61),
                  fraction);
      Instant hand = FalcoTime.parseUtc(text);
      java.util.Optional<Instant> formatter;
      try {
        formatter =
            java.util.Optional.of(
                FORMATTER.parse(text, java.time.OffsetDateTime::from).toInstant());
      } catch (java.time.format.DateTimeParseException e) {
        formatter = java.util.Optional.empty();
      }
      assertThat(FalcoTime.parse(text)).as(text).isEqualTo(formatter);
      if (hand != null) {
        assertThat(formatter).as(text).contains(hand);
        byHand++;
      }
    }
    assertThat(byHand).isGreaterThan(10_000);
  }
}
