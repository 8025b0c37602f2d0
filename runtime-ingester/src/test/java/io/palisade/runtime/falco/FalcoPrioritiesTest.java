package io.palisade.runtime.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FalcoPrioritiesTest {

  @ParameterizedTest
  @CsvSource({
    "Emergency, EMERGENCY",
    "ALERT, ALERT",
    "critical, CRITICAL",
    "Error, ERROR",
    "WARNING, WARNING",
    "Notice, NOTICE",
    "Informational, INFORMATIONAL",
    "info, INFORMATIONAL",
    "INFO, INFORMATIONAL",
    "debug, DEBUG"
  })
  void readsPrioritiesInAnyCaseIncludingTheInfoAlias(String name, FalcoPriority expected) {
    assertThat(FalcoPriorities.parse(name)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "unknown", "Severe", "warn"})
  void refusesNamesFalcoDoesNotUse(String name) {
    assertThat(FalcoPriorities.parse(name)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "Emergency, CRITICAL",
    "Alert, CRITICAL",
    "Critical, CRITICAL",
    "Error, HIGH",
    "Warning, MEDIUM",
    "Notice, LOW",
    "Informational, INFO",
    "info, INFO",
    "Debug, INFO"
  })
  void mapsEveryPriorityToItsPalisadeSeverity(String name, Severity expected) {
    assertThat(FalcoPriorities.severityOf(FalcoPriorities.parse(name).orElseThrow()))
        .isEqualTo(expected);
  }
}
