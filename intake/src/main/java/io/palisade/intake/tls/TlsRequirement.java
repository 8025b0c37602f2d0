package io.palisade.intake.tls;

import io.palisade.intake.IntakeConfigurationException;
import io.palisade.intake.IntakeEndpointProperties.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;

/**
 * TLS is required unless it is switched off explicitly: a service that imports the intake
 * configuration refuses to start without a certificate, rather than quietly serving plain HTTP. The
 * certificate may come from {@code palisade.intake.tls.*} or from Spring Boot's own {@code
 * server.ssl.*} settings.
 */
public final class TlsRequirement {

  private static final Logger log = LoggerFactory.getLogger(TlsRequirement.class);

  private TlsRequirement() {}

  /**
   * Checks the configuration and says whether client certificates are asked for (and verified by
   * the handshake).
   *
   * @throws IntakeConfigurationException when TLS is required but not configured
   */
  public static boolean check(Tls tls, PropertyResolver environment) {
    if (!tls.enabled()) {
      log.warn(
          "palisade.intake.tls.enabled=false: intake endpoints serve plain HTTP; keep them"
              + " reachable only from trusted addresses");
      return false;
    }
    boolean sslEnabled = environment.getProperty("server.ssl.enabled", Boolean.class, true);
    boolean springSsl =
        environment.containsProperty("server.ssl.bundle")
            || environment.containsProperty("server.ssl.certificate")
            || environment.containsProperty("server.ssl.key-store");
    if (sslEnabled && !springSsl && tls.certificate() != null) {
      throw new IntakeConfigurationException(
          "palisade.intake.tls.certificate is set, but was not visible when the environment was"
              + " prepared (e.g. it was set by @DynamicPropertySource), so it is not served",
          "Set palisade.intake.tls.* in a property source Spring Boot reads at startup:"
              + " configuration files, environment variables, command-line arguments, or"
              + " @SpringBootTest properties.");
    }
    if (!sslEnabled || !springSsl) {
      throw new IntakeConfigurationException(
          "TLS is required for intake endpoints (palisade.intake.tls.enabled is true, the"
              + " default), but no server certificate is configured",
          "Set palisade.intake.tls.certificate and palisade.intake.tls.private-key to PEM files"
              + " (and palisade.intake.tls.client-ca to accept client certificates), or set"
              + " palisade.intake.tls.enabled=false to serve plain HTTP (all-in-one, tests, or"
              + " behind a TLS-terminating proxy).");
    }
    String clientAuth = environment.getProperty("server.ssl.client-auth", "none");
    return !clientAuth.equalsIgnoreCase("none");
  }
}
