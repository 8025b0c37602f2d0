package io.palisade.audit.logfile;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The tailer's state for {@code /actuator/health}: DOWN while Kafka (or the checkpoint, or the log
 * file) fails and the tailer retries, or after it ended on an unexpected error; UP otherwise. The
 * details say which file, the acknowledged offset, the lag and the last error.
 */
public final class LogFileHealthIndicator implements HealthIndicator {

  private final LogFileTailer tailer;

  public LogFileHealthIndicator(LogFileTailer tailer) {
    this.tailer = tailer;
  }

  @Override
  public Health health() {
    TailerStatus status = tailer.status();
    Health.Builder health = status.healthy() ? Health.up() : Health.down();
    health
        .withDetail("state", status.state().name())
        .withDetail("file", status.file())
        .withDetail("checkpointOffset", status.checkpointOffset())
        .withDetail("lagBytes", status.lagBytes());
    if (status.lastCheckpoint() != null) {
      health.withDetail("lastCheckpoint", status.lastCheckpoint().toString());
    }
    if (status.lastError() != null) {
      health
          .withDetail("lastError", status.lastError())
          .withDetail("lastErrorAt", status.lastErrorAt().toString());
    }
    return health.build();
  }
}
