package io.palisade.audit.config;

import io.palisade.intake.ClusterName;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Log-file mode ({@code palisade.audit.log-file.*}): tail the API server's {@code --audit-log-path}
 * file into Kafka. Off unless {@code enabled}.
 *
 * @param enabled whether to tail the file
 * @param path the audit log file, as {@code --audit-log-path} names it
 * @param checkpointPath where the checkpoint is kept; a durable, writable place of its own
 * @param cluster the cluster whose API server writes the file; {@code palisade.cluster} if unset
 * @param pollInterval how often to look for new lines and for rotation at the end of the file
 * @param maxBatch the most lines published in one batch
 * @param maxWait how long a batch waits to fill before it is published anyway
 * @param maxLineSize longer lines are skipped and counted as {@code line-too-large}
 * @param maxBackoff the longest wait between attempts while Kafka does not acknowledge
 */
@Validated
@ConfigurationProperties("palisade.audit.log-file")
public record LogFileProperties(
    @DefaultValue("false") boolean enabled,
    Path path,
    Path checkpointPath,
    @Pattern(regexp = ClusterName.PATTERN) String cluster,
    @DefaultValue("250ms") @NotNull Duration pollInterval,
    @DefaultValue("500") @Positive @Max(10_000) int maxBatch,
    @DefaultValue("200ms") @NotNull Duration maxWait,
    @DefaultValue("16MB") @NotNull DataSize maxLineSize,
    @DefaultValue("5s") @NotNull Duration maxBackoff) {

  @AssertTrue(
      message = "palisade.audit.log-file.path and .checkpoint-path must be set when enabled")
  public boolean isLocated() {
    return !enabled || (path != null && checkpointPath != null);
  }

  @AssertTrue(message = "poll-interval and max-backoff must be positive, max-wait not negative")
  public boolean isTimed() {
    return positive(pollInterval)
        && positive(maxBackoff)
        && (maxWait == null || !maxWait.isNegative());
  }

  @AssertTrue(message = "max-line-size must be between 1 byte and 1GB")
  public boolean isLineSizeValid() {
    return maxLineSize == null
        || maxLineSize.toBytes() >= 1 && maxLineSize.toBytes() <= DataSize.ofGigabytes(1).toBytes();
  }

  /** Null passes here: @NotNull reports it. */
  private static boolean positive(Duration duration) {
    return duration == null || !(duration.isZero() || duration.isNegative());
  }
}
