package io.palisade.admission.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.intake.IntakeConfiguration;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.IntakeMetrics;
import io.palisade.intake.auth.IntakeAuthenticationFilter;
import io.palisade.intake.auth.IntakeAuthenticator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How the gateway is served, reusing the intakes' settings ({@code palisade.intake.tls.*}, {@code
 * palisade.intake.auth.*}, see intake/README.md): HTTPS from PEM files, reloaded when cert-manager
 * renews them ({@code IntakeTlsEnvironment} derives the Spring Boot settings), the actuator on its
 * own plain-HTTP port, and the startup refused when TLS is neither configured nor switched off
 * explicitly (the API server only calls webhooks over HTTPS).
 *
 * <p>Unlike the ingesters, callers need not authenticate by default ({@code
 * palisade.intake.auth.mode: none} in {@code admission-gateway.yml}): the API server authenticates
 * the gateway by its certificate, and what it sends is not evidence that could be forged into the
 * pipeline without also being admitted. {@code mode: client-cert} with {@code
 * palisade.intake.tls.client-ca} requires the API server's client certificate (its {@code
 * --admission-control-config-file} kubeconfig). This wires the intake's own classes, not {@code
 * IntakeConfiguration}, whose Kafka publisher the gateway does not use.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeEndpointProperties.class)
class ServingConfiguration {

  /** Requests received and refused (401, 400 …) at {@code /validate}, as every intake counts. */
  @Bean
  IntakeMetrics intakeMetrics(MeterRegistry meters) {
    return new IntakeMetrics(meters);
  }

  /** Fails the startup when TLS or client authentication is required but not configured. */
  @Bean
  IntakeAuthenticator gatewayAuthenticator(
      IntakeEndpointProperties endpoint, Environment environment) {
    return IntakeConfiguration.authenticator(
        endpoint, environment, "admission webhook", "admission-gateway/README.md, Serving");
  }

  @Bean
  FilterRegistrationBean<IntakeAuthenticationFilter> gatewayAuthenticationFilter(
      IntakeAuthenticator authenticator, IntakeMetrics metrics, Environment environment) {
    return IntakeConfiguration.authenticationFilter(authenticator, metrics, environment);
  }
}
