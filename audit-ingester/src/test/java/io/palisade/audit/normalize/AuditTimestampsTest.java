package io.palisade.audit.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditTimestampsTest {

  @Test
  void theHandReadFormAgreesWithTheGeneralParserOnManyInstants() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-2_000_000_000L, 8_000_000_000L), random.nextInt(1_000_000_000));
      for (int digits : new int[] {0, 1, 3, 6, 9}) {
        String text = format(instant, digits);
        assertThat(AuditTimestamps.parseUtc(text)).as(text).isEqualTo(general(text));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-28T09:17:05.123456Z",
        "2026-11-28T09:17:05Z",
        "2026-11-28t09:17:05z",
        "2024-02-29T23:59:59.999999999Z",
        "2026-11-28T10:17:05.5+01:00",
        "2026-11-28T09:17:05.123-00:30",
        "2026-11-28T09:17:05.Z" // a point without digits: ISO_OFFSET_DATE_TIME takes it
      })
  void validTimestampsParseAsTheGeneralParserSays(String text) {
    assertThat(AuditTimestamps.parse(text)).contains(general(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30T09:17:05Z",
        "2026-13-01T09:17:05Z",
        "2026-11-28T24:00:00Z",
        "2026-11-28T09:60:05Z",
        "2026-11-28T09:17:60Z",
        "2026-11-28T09:17:05.1234567891Z",
        "2026-11-28T09:17:05,5Z",
        "2026-1x-28T09:17:05Z",
        "2026-11-28 09:17:05Z",
        "2026-11-28T09:17:05",
        "yesterday",
        ""
      })
  void invalidTimestampsAreRefused(String text) {
    assertThat(AuditTimestamps.parseUtc(text)).isNull();
    assertThat(AuditTimestamps.parse(text)).isEmpty();
  }

  private static Instant general(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  private static String format(Instant instant, int fractionDigits) {
    String pattern =
        "uuuu-MM-dd'T'HH:mm:ss" + (fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits));
    return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(instant) + "Z";
  }
}
