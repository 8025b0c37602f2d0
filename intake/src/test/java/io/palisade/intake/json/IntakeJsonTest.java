package io.palisade.intake.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.intake.IntakeEndpointProperties.Limits;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IntakeJsonTest {

  private final Limits limits =
      new Limits(
          org.springframework.util.unit.DataSize.ofKilobytes(64),
          10,
          org.springframework.util.unit.DataSize.ofBytes(1000),
          10);
  private final JsonMapper json = IntakeJson.mapper(limits);

  @Test
  void readsJsonWithinTheLimits() {
    JsonNode node = json.readTree("{\"a\":[[[[[[[[1]]]]]]]],\"s\":\"" + "x".repeat(1000) + "\"}");

    assertThat(node.get("s").asString()).hasSize(1000);
  }

  @Test
  void refusesNestingBeyondTheLimitAsTooDeeplyNested() {
    assertRefused("[".repeat(11) + "]".repeat(11), "too-deeply-nested");
    assertRefused("{\"a\":".repeat(11) + "1" + "}".repeat(11), "too-deeply-nested");
  }

  @Test
  void refusesTenThousandLevelsQuicklyWithoutReadingThemAll() {
    long start = System.nanoTime();

    assertRefused("[".repeat(10_000), "too-deeply-nested");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void refusesAStringLongerThanAnEventAsEventTooLarge() {
    assertThatThrownBy(
            () -> json.readTree(("{\"s\":\"" + "x".repeat(1001) + "\"}").getBytes(UTF_8)))
        .isInstanceOf(RequestTooLargeException.class)
        .extracting(e -> ((RequestTooLargeException) e).reason())
        .isEqualTo("event-too-large");
  }

  @Test
  void refusesOverlongNumbersAndNames() {
    assertRefused("{\"n\":" + "9".repeat(300) + "}", "number-too-long");
    assertRefused("{\"n\":1." + "5".repeat(300) + "}", "number-too-long");
    assertRefused("{\"" + "k".repeat(5000) + "\":1}", "name-too-long");
  }

  @Test
  void keepsReportingMalformedJsonAsJacksonExceptions() {
    assertThatThrownBy(() -> json.readTree("{\"a\":".getBytes(UTF_8)))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void letsReadersAddFeaturesOfTheirOwn() {
    JsonMapper exact =
        IntakeJson.builder(limits)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    assertThat(exact.readTree("{\"n\":1846.40}").get("n").decimalValue()).hasToString("1846.40");
    assertThatThrownBy(() -> exact.readTree("[".repeat(11).getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class);
  }

  private void assertRefused(String body, String reason) {
    assertThatThrownBy(() -> json.readTree(body.getBytes(UTF_8)))
        .isInstanceOf(InvalidEvidenceException.class)
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo(reason);
  }
}
