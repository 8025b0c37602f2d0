package io.palisade.correlation.config;

import io.palisade.correlation.api.ActionPublisher;
import io.palisade.correlation.api.CorrelateStreams;
import io.palisade.correlation.api.HttpPeerIncidents;
import io.palisade.correlation.api.IncidentActions;
import io.palisade.correlation.api.IncidentDirectory;
import io.palisade.correlation.api.KafkaActionPublisher;
import io.palisade.correlation.api.LocalIncidentView;
import io.palisade.intake.IntakeConfiguration;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.IntakeMetrics;
import io.palisade.intake.auth.IntakeAuthenticationFilter;
import io.palisade.intake.auth.IntakeAuthenticator;
import io.palisade.schemas.PalisadeTopics;
import java.net.http.HttpClient;
import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The incident API ({@code io.palisade.correlation.api}): interactive queries on the correlate
 * application's incident view across instances, analysts' actions written to the actions topic, and
 * the protection of the HTTP port with the intakes' authenticator ({@code palisade.intake.auth.*}:
 * bearer tokens, client certificates, or none). Callers' tokens are passed on to the other
 * instances, which share the configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeEndpointProperties.class)
class IncidentApiConfiguration {

  static final String SERVICE = "correlation-engine";

  @Bean
  CorrelateStreams correlateStreams(
      KafkaStreamsRegistry registry,
      IncidentApiProperties properties,
      @Value("${palisade.streams.application-id-prefix:palisade}-correlate") String applicationId) {
    return new CorrelateStreams(
        () -> {
          StreamsBuilderFactoryBean factory = registry.streamsBuilderFactoryBean(applicationId);
          KafkaStreams streams = factory == null ? null : factory.getKafkaStreams();
          return streams;
        },
        properties.advertisedHost());
  }

  @Bean
  IncidentDirectory incidentDirectory(CorrelateStreams streams, IncidentApiProperties properties) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(properties.queryTimeout()).build();
    return new IncidentDirectory(
        streams::holders,
        new LocalIncidentView(streams::localView),
        new HttpPeerIncidents(http, properties.queryTimeout()));
  }

  @Bean(destroyMethod = "close")
  KafkaActionPublisher actionPublisher(
      PalisadeProperties palisade, PalisadeTopics topics, IncidentApiProperties properties) {
    return new KafkaActionPublisher(
        palisade.kafka().bootstrapServers(),
        SERVICE + "-incident-actions",
        topics.incidentActions(),
        SERVICE,
        properties.actionTimeout(),
        palisade.kafka().producer());
  }

  @Bean
  IncidentActions incidentActions(IncidentDirectory directory, ActionPublisher publisher) {
    return new IncidentActions(directory, publisher, Clock.systemUTC());
  }

  /** Fails the startup when authentication is required but no credentials are configured. */
  @Bean
  IntakeAuthenticator incidentApiAuthenticator(
      IntakeEndpointProperties endpoint, Environment environment) {
    return IntakeConfiguration.authenticator(
        endpoint, environment, "incident API", "correlation-engine/README.md, Incident API");
  }

  @Bean
  FilterRegistrationBean<IntakeAuthenticationFilter> incidentApiAuthenticationFilter(
      IntakeAuthenticator authenticator, Environment environment) {
    return IntakeConfiguration.authenticationFilter(
        authenticator, IntakeMetrics.unregistered(), environment);
  }
}
