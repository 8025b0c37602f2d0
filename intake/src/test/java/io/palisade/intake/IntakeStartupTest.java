package io.palisade.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.palisade.intake.sample.SampleIntakeApplication;
import io.palisade.intake.testsupport.TestCertificates;
import io.palisade.intake.testsupport.TestCertificates.Issued;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** An intake refuses to start unprotected unless told so explicitly, and says what to set. */
class IntakeStartupTest {

  @TempDir Path dir;

  @Test
  void requiresTlsByDefault() {
    IntakeConfigurationException failure =
        startupFailure("server.port=0", "palisade.intake.auth.tokens=t");

    assertThat(failure)
        .hasMessageContaining("TLS is required")
        .hasMessageContaining("no server certificate is configured");
    assertThat(failure.action())
        .contains("palisade.intake.tls.certificate", "palisade.intake.tls.enabled=false");
  }

  @Test
  void requiresCredentialsByDefault() {
    IntakeConfigurationException failure =
        startupFailure("server.port=0", "palisade.intake.tls.enabled=false");

    assertThat(failure)
        .hasMessageContaining("no credentials are configured")
        .hasMessageContaining("palisade.intake.auth.mode=none");
  }

  @Test
  void refusesClientCertificatesWithoutTls() {
    assertThat(
            startupFailure(
                "server.port=0",
                "palisade.intake.tls.enabled=false",
                "palisade.intake.auth.mode=client-cert"))
        .hasMessageContaining("palisade.intake.tls.client-ca");
  }

  @Test
  void refusesACertificateWithoutItsKey() {
    Issued server = TestCertificates.authority("ca").server("s");
    server.writePem(dir.resolve("tls.crt"), dir.resolve("tls.key"));

    assertThat(
            startupFailure(
                "server.port=0",
                "palisade.intake.auth.tokens=t",
                "palisade.intake.tls.certificate=" + dir.resolve("tls.crt")))
        .hasMessageContaining("palisade.intake.tls.private-key");
  }

  @Test
  void startsOnPlainHttpWithoutAuthenticationWhenBothAreSwitchedOffExplicitly() {
    try (ConfigurableApplicationContext context =
        SampleIntakeApplication.builder()
            .properties(
                "server.port=0",
                "palisade.intake.tls.enabled=false",
                "palisade.intake.auth.mode=none")
            .run()) {
      assertThat(context.isRunning()).isTrue();
    }
  }

  private static IntakeConfigurationException startupFailure(String... properties) {
    Throwable failure =
        catchThrowable(
            () -> SampleIntakeApplication.builder().properties(properties).run().close());
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IntakeConfigurationException configuration) {
        return configuration;
      }
    }
    throw new AssertionError("expected an IntakeConfigurationException, got " + failure, failure);
  }
}
