package io.palisade.admission.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The gateway's own properties ({@code palisade.admission.*}). */
@Validated
@ConfigurationProperties("palisade.admission")
public record AdmissionProperties(@DefaultValue @Valid Publish publish) {

  /**
   * How decisions reach Kafka. None of these can delay an admission response.
   *
   * @param maxInFlight decisions that may be queued or awaiting Kafka's acknowledgement at once;
   *     beyond that new decisions are dropped (and counted)
   * @param maxBlock longest the sender thread waits for Kafka metadata or producer buffer space
   *     before a decision counts as failed (Kafka {@code max.block.ms})
   * @param drainTimeout how long shutdown waits for queued decisions to reach the producer
   */
  public record Publish(
      @DefaultValue("1000") @Min(1) int maxInFlight,
      @DefaultValue("5s") @NotNull Duration maxBlock,
      @DefaultValue("5s") @NotNull Duration drainTimeout) {}
}
