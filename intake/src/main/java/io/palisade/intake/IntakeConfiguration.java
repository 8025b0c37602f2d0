package io.palisade.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.intake.auth.BearerTokens;
import io.palisade.intake.auth.IntakeAuthenticationFilter;
import io.palisade.intake.auth.IntakeAuthenticator;
import io.palisade.intake.tls.TlsRequirement;
import io.palisade.schemas.PalisadeTopics;
import java.util.HashMap;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * What every intake service wires the same way: its {@link IntakeProperties} and {@link
 * IntakeEndpointProperties}, the topics, one {@link EvidencePublisher} (its Kafka client id is
 * {@code spring.application.name}), the JSON error handling, {@link IntakeMetrics}, and the
 * protection of its endpoints: TLS is required unless switched off explicitly, and every request
 * must authenticate unless {@code palisade.intake.auth.mode=none}. Import it with
 * {@code @Import(IntakeConfiguration.class)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IntakeProperties.class, IntakeEndpointProperties.class})
@Import(IntakeExceptionHandler.class)
public class IntakeConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

  @Bean
  PalisadeTopics palisadeTopics(IntakeProperties properties) {
    return new PalisadeTopics(properties.topics());
  }

  @Bean
  IntakeMetrics intakeMetrics(ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfAvailable();
    return meters == null ? IntakeMetrics.unregistered() : new IntakeMetrics(meters);
  }

  @Bean(destroyMethod = "close")
  EvidencePublisher evidencePublisher(
      IntakeProperties properties,
      IntakeEndpointProperties endpoint,
      IntakeMetrics metrics,
      @Value("${spring.application.name}") String service) {
    IntakeProperties.Kafka kafka = properties.kafka();
    return EvidencePublisher.connect(
        kafka.bootstrapServers(),
        service,
        kafka.ackTimeout(),
        new HashMap<>(kafka.producer()),
        endpoint.limits().maxEventSize().toBytes(),
        metrics);
  }

  /** Fails the startup when TLS or authentication is required but not configured. */
  @Bean
  IntakeAuthenticator intakeAuthenticator(
      IntakeEndpointProperties endpoint, Environment environment) {
    return authenticator(endpoint, environment, "intake endpoints", "intake/README.md");
  }

  /**
   * The authenticator the endpoint properties describe, for services that serve an intake-like
   * endpoint of their own (the admission gateway); fails the startup when TLS or authentication is
   * required but not configured.
   *
   * @param endpoints how the log line names the endpoints, e.g. {@code intake endpoints}
   * @param documentation where the error tells the operator to look
   */
  public static IntakeAuthenticator authenticator(
      IntakeEndpointProperties endpoint,
      Environment environment,
      String endpoints,
      String documentation) {
    boolean clientCertificates = TlsRequirement.check(endpoint.tls(), environment);
    IntakeEndpointProperties.Auth auth = endpoint.auth();
    try {
      IntakeAuthenticator authenticator =
          new IntakeAuthenticator(
              auth.mode(), BearerTokens.of(auth.tokens(), auth.tokenFile()), clientCertificates);
      log.info(
          "{}: {}, authentication {}",
          endpoints,
          endpoint.tls().enabled() ? "HTTPS" : "plain HTTP",
          auth.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      return authenticator;
    } catch (IllegalArgumentException e) {
      throw new IntakeConfigurationException(
          e.getMessage(), "Configure the credentials named above (see " + documentation + ").");
    }
  }

  @Bean
  FilterRegistrationBean<IntakeAuthenticationFilter> intakeAuthenticationFilter(
      IntakeAuthenticator authenticator, IntakeMetrics metrics, Environment environment) {
    return authenticationFilter(authenticator, metrics, environment);
  }

  /**
   * The authentication filter in front of every path of the service's port, letting the actuator by
   * while it shares that port; for services that serve an intake-like endpoint of their own (the
   * admission gateway).
   */
  public static FilterRegistrationBean<IntakeAuthenticationFilter> authenticationFilter(
      IntakeAuthenticator authenticator, IntakeMetrics metrics, Environment environment) {
    FilterRegistrationBean<IntakeAuthenticationFilter> registration =
        new FilterRegistrationBean<>(
            new IntakeAuthenticationFilter(
                authenticator, sharedManagementBasePath(environment), metrics));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** The actuator's base path while it shares the intake port, else null: nothing to let by. */
  private static String sharedManagementBasePath(Environment environment) {
    Integer managementPort = environment.getProperty("management.server.port", Integer.class);
    Integer serverPort = environment.getProperty("server.port", Integer.class, 8080);
    if (managementPort != null && !Objects.equals(managementPort, serverPort)) {
      return null;
    }
    return environment.getProperty("management.endpoints.web.base-path", "/actuator");
  }
}
