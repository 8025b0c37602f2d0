package io.palisade.intake.tls;

import io.palisade.intake.IntakeConfigurationException;
import io.palisade.intake.IntakeEndpointProperties.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;

/**
 * Turns {@code palisade.intake.tls.*} into the Spring Boot settings that serve it, so that an
 * operator sets three paths instead of eight Spring properties that must agree:
 *
 * <ul>
 *   <li>an SSL bundle {@value #BUNDLE} of PEM files ({@code spring.ssl.bundle.pem.*}) that Boot
 *       reloads when the files change ({@code reload-on-update}), served by {@code
 *       server.ssl.bundle}
 *   <li>with a client CA: its certificates as the bundle's trust store and {@code
 *       server.ssl.client-auth=want}: the handshake asks for a client certificate but lets a
 *       request without one through, so that it is answered with a JSON 401 rather than a handshake
 *       failure the sender cannot explain
 *   <li>the actuator on its own plain-HTTP port ({@code management.server.port}), so that probes
 *       and metrics scrapes keep working without a certificate
 * </ul>
 *
 * It only acts when {@code palisade.intake.tls.certificate} is set and TLS is not disabled, and its
 * settings have the lowest precedence: any Spring property set explicitly wins. Whether TLS is
 * required is checked by {@code IntakeConfiguration}, in the services that import it.
 */
public final class IntakeTlsEnvironment implements EnvironmentPostProcessor {

  /** The name of the SSL bundle the intake serves. */
  public static final String BUNDLE = "palisade-intake";

  static final String PROPERTY_SOURCE = "palisadeIntakeTls";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Tls tls = Binder.get(environment).bindOrCreate("palisade.intake.tls", Tls.class);
    if (!tls.enabled() || tls.certificate() == null) {
      return;
    }
    environment
        .getPropertySources()
        .addLast(new MapPropertySource(PROPERTY_SOURCE, springProperties(tls, environment)));
  }

  /** The Spring Boot properties that serve {@code tls}. */
  static Map<String, Object> springProperties(Tls tls, PropertyResolver environment) {
    String bundle = "spring.ssl.bundle.pem." + BUNDLE + ".";
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(bundle + "keystore.certificate", location("certificate", tls.certificate()));
    if (tls.privateKey() == null) {
      throw new IntakeConfigurationException(
          "palisade.intake.tls.certificate is set but palisade.intake.tls.private-key is not",
          "Set palisade.intake.tls.private-key to the PEM file of the certificate's private key.");
    }
    properties.put(bundle + "keystore.private-key", location("private-key", tls.privateKey()));
    if (tls.clientCa() != null) {
      properties.put(bundle + "truststore.certificate", location("client-ca", tls.clientCa()));
      properties.put("server.ssl.client-auth", "want");
    }
    properties.put(bundle + "reload-on-update", tls.reloadOnUpdate());
    properties.put("server.ssl.bundle", BUNDLE);
    properties.put("management.server.port", managementPort(tls, environment));
    properties.put("management.server.ssl.enabled", false);
    String address = environment.getProperty("server.address");
    if (address != null && !address.isBlank()) {
      properties.put("management.server.address", address);
    }
    return properties;
  }

  private static int managementPort(Tls tls, PropertyResolver environment) {
    if (tls.managementPort() != null) {
      return tls.managementPort();
    }
    int serverPort = environment.getProperty("server.port", Integer.class, 8080);
    return serverPort == 0 ? 0 : serverPort + 1000;
  }

  private static String location(String property, Path file) {
    if (!Files.isReadable(file)) {
      throw new IntakeConfigurationException(
          "palisade.intake.tls." + property + " is " + file + ", which cannot be read",
          "Point palisade.intake.tls." + property + " at a readable PEM file.");
    }
    return file.toAbsolutePath().toUri().toString();
  }
}
