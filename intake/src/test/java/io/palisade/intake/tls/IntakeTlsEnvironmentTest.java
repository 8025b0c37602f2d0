package io.palisade.intake.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.intake.IntakeConfigurationException;
import io.palisade.intake.IntakeEndpointProperties.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

class IntakeTlsEnvironmentTest {

  @TempDir Path dir;

  @Test
  void servesThePemFilesAsAReloadingBundleWithWantedClientCertificatesAndAPlainManagementPort()
      throws Exception {
    Tls tls = new Tls(true, file("tls.crt"), file("tls.key"), file("ca.crt"), null, true);

    Map<String, Object> spring =
        IntakeTlsEnvironment.springProperties(
            tls, new MockEnvironment().withProperty("server.port", "8081"));

    String bundle = "spring.ssl.bundle.pem.palisade-intake.";
    assertThat(spring)
        .containsEntry(bundle + "keystore.certificate", file("tls.crt").toUri().toString())
        .containsEntry(bundle + "keystore.private-key", file("tls.key").toUri().toString())
        .containsEntry(bundle + "truststore.certificate", file("ca.crt").toUri().toString())
        .containsEntry(bundle + "reload-on-update", true)
        .containsEntry("server.ssl.bundle", "palisade-intake")
        .containsEntry("server.ssl.client-auth", "want")
        .containsEntry("management.server.port", 9081)
        .containsEntry("management.server.ssl.enabled", false);
  }

  @Test
  void asksForNoClientCertificateWithoutAClientCa() throws Exception {
    Tls tls = new Tls(true, file("tls.crt"), file("tls.key"), null, 9443, true);

    Map<String, Object> spring = IntakeTlsEnvironment.springProperties(tls, new MockEnvironment());

    assertThat(spring).doesNotContainKey("server.ssl.client-auth");
    assertThat(spring).containsEntry("management.server.port", 9443);
  }

  @Test
  void keepsARandomServerPortRandomForManagementAndBindsItToTheServerAddress() throws Exception {
    Tls tls = new Tls(true, file("tls.crt"), file("tls.key"), null, null, true);

    Map<String, Object> spring =
        IntakeTlsEnvironment.springProperties(
            tls,
            new MockEnvironment()
                .withProperty("server.port", "0")
                .withProperty("server.address", "127.0.0.1"));

    assertThat(spring)
        .containsEntry("management.server.port", 0)
        .containsEntry("management.server.address", "127.0.0.1");
  }

  @Test
  void refusesACertificateWithoutItsKey() throws Exception {
    Tls tls = new Tls(true, file("tls.crt"), null, null, null, true);

    assertThatThrownBy(() -> IntakeTlsEnvironment.springProperties(tls, new MockEnvironment()))
        .isInstanceOf(IntakeConfigurationException.class)
        .hasMessageContaining("palisade.intake.tls.private-key");
  }

  @Test
  void namesAFileThatCannotBeRead() {
    Tls tls =
        new Tls(true, dir.resolve("missing.crt"), dir.resolve("missing.key"), null, null, true);

    assertThatThrownBy(() -> IntakeTlsEnvironment.springProperties(tls, new MockEnvironment()))
        .isInstanceOf(IntakeConfigurationException.class)
        .hasMessageContaining("palisade.intake.tls.certificate")
        .hasMessageContaining("missing.crt");
  }

  @Test
  void leavesTheEnvironmentAloneWhenTlsIsOffOrNoCertificateIsSet() throws Exception {
    for (Map<String, Object> palisade :
        java.util.List.<Map<String, Object>>of(
            Map.of(),
            Map.of(
                "palisade.intake.tls.enabled",
                "false",
                "palisade.intake.tls.certificate",
                file("tls.crt").toString()))) {
      StandardEnvironment environment = new StandardEnvironment();
      environment.getPropertySources().addFirst(new MapPropertySource("test", palisade));

      new IntakeTlsEnvironment().postProcessEnvironment(environment, new SpringApplication());

      assertThat(environment.getPropertySources().contains(IntakeTlsEnvironment.PROPERTY_SOURCE))
          .isFalse();
      assertThat(environment.getProperty("server.ssl.bundle")).isNull();
    }
  }

  @Test
  void addsItsSettingsBelowExplicitOnes() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "test",
                Map.of(
                    "palisade.intake.tls.certificate", file("tls.crt").toString(),
                    "palisade.intake.tls.private-key", file("tls.key").toString(),
                    "management.server.port", "7000")));

    new IntakeTlsEnvironment().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("server.ssl.bundle")).isEqualTo("palisade-intake");
    assertThat(environment.getProperty("management.server.port")).isEqualTo("7000");
  }

  private Path file(String name) throws Exception {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      Files.writeString(file, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    }
    return file.toAbsolutePath();
  }
}
