package io.palisade.notify.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code palisade.notifier.*}: how the notifier consumes incidents and retries deliveries.
 * Receivers bind their own keys below this prefix (e.g. {@code palisade.notifier.webhook.*}).
 *
 * @param consumerGroup the consumer group that owns the delivery progress
 * @param startFrom where a group without committed offsets starts reading incidents
 * @param retry backoff between attempts
 * @param http the shared HTTP client
 * @param consumerProperties extra Kafka consumer settings (e.g. TLS, SASL), applied last
 * @param producerProperties extra Kafka producer settings, applied last
 * @param rateLimits messages per second by receiver name, merged over the defaults (slack 1, teams
 *     4, pagerduty 2)
 * @param stateTopic the compacted topic of what was last sent for which incident to which receiver
 *     (created if missing), shared by every replica
 * @param silencesTopic the compacted topic of the silences (created if missing)
 * @param incidentUrl the console link of an incident, {@code {id}} standing for its id (e.g. {@code
 *     https://palisade.example.com/incidents/{id}}); unset, messages carry no link
 * @param routingFile a YAML file holding the routing tree (what {@code palisade.notifier.routing}
 *     holds), reloaded without restart when its content changes; unset, routing comes from {@code
 *     palisade.notifier.routing.*}
 * @param routingFilePollInterval how often the routing file is checked for changes
 */
@ConfigurationProperties("palisade.notifier")
@Validated
public record NotifierProperties(
    @DefaultValue("palisade-alert-notifier") @NotBlank String consumerGroup,
    @DefaultValue("earliest") @NotNull StartFrom startFrom,
    @DefaultValue @Valid Retry retry,
    @DefaultValue @Valid Http http,
    Map<String, String> consumerProperties,
    Map<String, String> producerProperties,
    Map<String, Double> rateLimits,
    @DefaultValue("palisade.notifier.state.v1") @NotBlank String stateTopic,
    @DefaultValue("palisade.notifier.silences.v1") @NotBlank String silencesTopic,
    String incidentUrl,
    Path routingFile,
    @DefaultValue("10s") @NotNull Duration routingFilePollInterval) {

  public NotifierProperties {
    consumerProperties = consumerProperties == null ? Map.of() : Map.copyOf(consumerProperties);
    producerProperties = producerProperties == null ? Map.of() : Map.copyOf(producerProperties);
    Map<String, Double> limits = new java.util.HashMap<>(DEFAULT_RATE_LIMITS);
    if (rateLimits != null) {
      limits.putAll(rateLimits);
    }
    rateLimits = Map.copyOf(limits);
  }

  /** What the services document or are known to enforce per webhook / routing key. */
  public static final Map<String, Double> DEFAULT_RATE_LIMITS =
      Map.of("slack", 1.0, "teams", 4.0, "pagerduty", 2.0);

  /** Where a new consumer group starts: Kafka's {@code auto.offset.reset}. */
  public enum StartFrom {
    EARLIEST,
    LATEST;

    String offsetReset() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param initialBackoff the wait after the first failed attempt; doubles per failure
   * @param maxBackoff the longest exponential wait
   * @param maxRetryAfter the longest wait a receiver's Retry-After can ask for
   * @param jitter the exponential wait is lengthened by a random share of up to this (0.2 = 20 %)
   * @param giveUpAfter after this long of failed attempts a delivery is dead-lettered; 0 = never
   */
  public record Retry(
      @DefaultValue("500ms") @NotNull Duration initialBackoff,
      @DefaultValue("30s") @NotNull Duration maxBackoff,
      @DefaultValue("5m") @NotNull Duration maxRetryAfter,
      @DefaultValue("0.2") double jitter,
      @DefaultValue("0s") @NotNull Duration giveUpAfter) {}

  /**
   * @param connectTimeout how long to wait for a receiver's TCP/TLS connection
   */
  public record Http(@DefaultValue("5s") @NotNull Duration connectTimeout) {}
}
