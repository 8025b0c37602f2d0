package io.palisade.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.intake.auth.AuthenticationMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class IntakeEndpointPropertiesTest {

  @Test
  void defaultsToTlsAuthenticationAndBoundedInput() {
    IntakeEndpointProperties intake = bind(Map.of());

    assertThat(intake.tls().enabled()).isTrue();
    assertThat(intake.tls().certificate()).isNull();
    assertThat(intake.tls().reloadOnUpdate()).isTrue();
    assertThat(intake.auth().mode()).isEqualTo(AuthenticationMode.EITHER);
    assertThat(intake.auth().tokens()).isEmpty();
    assertThat(intake.limits()).isEqualTo(IntakeEndpointProperties.Limits.defaults());
    assertThat(intake.limits().maxBodySize()).isEqualTo(DataSize.ofMegabytes(16));
    assertThat(intake.limits().maxEvents()).isEqualTo(5000);
    assertThat(intake.limits().maxEventSize()).isEqualTo(DataSize.ofKilobytes(900));
    assertThat(intake.limits().maxDepth()).isEqualTo(100);
  }

  @Test
  void bindsKebabCaseModesPathsAndTokenLists() {
    IntakeEndpointProperties intake =
        bind(
            Map.of(
                "palisade.intake.tls.enabled", "false",
                "palisade.intake.tls.client-ca", "/etc/palisade/ca.crt",
                "palisade.intake.auth.mode", "client-cert",
                "palisade.intake.auth.tokens", "first-secret,second-secret",
                "palisade.intake.limits.max-depth", "20"));

    assertThat(intake.tls().enabled()).isFalse();
    assertThat(intake.tls().clientCa()).isEqualTo(Path.of("/etc/palisade/ca.crt"));
    assertThat(intake.auth().mode()).isEqualTo(AuthenticationMode.CLIENT_CERT);
    assertThat(intake.auth().tokens()).containsExactly("first-secret", "second-secret");
    assertThat(intake.limits().maxDepth()).isEqualTo(20);
  }

  @Test
  void neverPrintsATokenOfTheConfiguration() {
    IntakeEndpointProperties intake =
        bind(Map.of("palisade.intake.auth.tokens", "very-secret-token"));

    assertThat(intake.toString()).doesNotContain("very-secret-token").contains("1 redacted");
  }

  private static IntakeEndpointProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("palisade.intake", IntakeEndpointProperties.class);
  }
}
