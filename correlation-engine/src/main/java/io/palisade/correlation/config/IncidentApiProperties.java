package io.palisade.correlation.config;

import io.palisade.correlation.correlate.IncidentView;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code palisade.correlation.*} keys of the incident view and API (next to those of {@link
 * CorrelationProperties}).
 *
 * @param viewRetention how long RESOLVED and MERGED incidents stay queryable (default 7 days)
 * @param advertisedAddress {@code host:port} at which the other instances reach this one's HTTP
 *     server; it becomes the correlate application's {@code application.server} (set in
 *     correlation-engine.yml, default {@code 127.0.0.1:${server.port}})
 * @param queryTimeout how long a call to another instance may take (default 5 s)
 * @param actionTimeout how long writing an action to Kafka may take (default 10 s)
 */
@ConfigurationProperties("palisade.correlation")
public record IncidentApiProperties(
    Duration viewRetention,
    String advertisedAddress,
    Duration queryTimeout,
    Duration actionTimeout) {

  public IncidentApiProperties {
    viewRetention = viewRetention == null ? IncidentView.DEFAULT_RETENTION : viewRetention;
    queryTimeout = queryTimeout == null ? Duration.ofSeconds(5) : queryTimeout;
    actionTimeout = actionTimeout == null ? Duration.ofSeconds(10) : actionTimeout;
  }

  /**
   * @throws IllegalArgumentException when the address is not {@code host:port}
   */
  HostInfo advertisedHost() {
    if (advertisedAddress == null || advertisedAddress.isBlank()) {
      throw new IllegalArgumentException("palisade.correlation.advertised-address is not set");
    }
    try {
      return HostInfo.buildFromEndpoint(advertisedAddress.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "palisade.correlation.advertised-address must be host:port, was '"
              + advertisedAddress
              + "'",
          e);
    }
  }
}
