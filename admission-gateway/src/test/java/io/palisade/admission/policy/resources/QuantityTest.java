package io.palisade.admission.policy.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "500m, 0.5",
    "0.5, 0.5",
    "2, 2",
    "1k, 1000",
    "1Ki, 1024",
    "256Mi, 268435456",
    "1Gi, 1073741824",
    "1G, 1000000000",
    "1e3, 1000",
    "1E, 1000000000000000000",
    "1.5Gi, 1610612736",
    "100n, 0.0000001"
  })
  void readsEveryKubernetesSuffix(String text, String amount) {
    assertThat(Quantity.parse(text).orElseThrow()).isEqualByComparingTo(new BigDecimal(amount));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1Xi", "1 Gi", "Gi", "1e"})
  void refusesWhatIsNotAQuantity(String text) {
    assertThat(Quantity.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aBadMaximumInTheSettingsIsAClearError() {
    assertThatThrownBy(
            () ->
                new ContainerResourcesSettings(
                    java.util.Set.of(),
                    java.util.Set.of(),
                    java.util.Map.of(),
                    java.util.Map.of("memory", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxLimits.memory \"lots\" is not a Kubernetes quantity (e.g. 500m, 1Gi)");
  }
}
