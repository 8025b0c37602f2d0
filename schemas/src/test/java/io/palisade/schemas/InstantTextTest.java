package io.palisade.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

  @Test
  void writesWhatInstantToStringWrites() {
    Random random = new Random(11);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 50_000; i++) {
      long seconds = random.nextLong(first, last + 1);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void edgesAndYearsOutsideFourDigits() {
    for (Instant instant :
        new Instant[] {
          Instant.EPOCH,
          Instant.ofEpochSecond(-1),
          Instant.ofEpochSecond(-1, 999_999_999),
          Instant.parse("0000-01-01T00:00:00Z"),
          Instant.parse("9999-12-31T23:59:59.999999999Z"),
          Instant.parse("+10000-01-01T00:00:00Z"),
          Instant.parse("-0001-12-31T23:59:59Z"),
          Instant.MIN,
          Instant.MAX
        }) {
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
  }
}
