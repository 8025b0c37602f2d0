package io.palisade.audit.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.audit.filter.NoiseFilter;
import io.palisade.audit.logfile.AuditLineParser;
import io.palisade.audit.logfile.BatchPublisher;
import io.palisade.audit.logfile.CheckpointStore;
import io.palisade.audit.logfile.DeadLetterLineSink;
import io.palisade.audit.logfile.LogFileHealthIndicator;
import io.palisade.audit.logfile.LogFileMetrics;
import io.palisade.audit.logfile.LogFileTailer;
import io.palisade.audit.logfile.LogFileTailerLifecycle;
import io.palisade.audit.logfile.RejectedLineSink;
import io.palisade.audit.logfile.WakeableSleeper;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeProperties;
import io.palisade.schemas.PalisadeTopics;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Log-file mode, when {@code palisade.audit.log-file.enabled=true}: the plain {@link LogFileTailer}
 * on a thread of its own, its health and its meters. No logic lives here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("palisade.audit.log-file.enabled")
@EnableConfigurationProperties(LogFileProperties.class)
class LogFileConfiguration {

  @Bean
  LogFileMetrics logFileMetrics(MeterRegistry registry) {
    return new LogFileMetrics(registry);
  }

  @Bean
  LogFileTailer logFileTailer(
      LogFileProperties logFile,
      IntakeProperties palisade,
      AuditRedactor redactor,
      NoiseFilter noiseFilter,
      EvidencePublisher publisher,
      PalisadeTopics topics,
      LogFileMetrics metrics,
      ObjectProvider<RejectedLineSink> rejects,
      WakeableSleeper logFileSleeper) {
    // A mapper of our own, as for the webhook: spring.jackson.* must not change what we parse.
    JsonMapper json = JsonMapper.builder().build();
    String cluster = logFile.cluster() == null ? palisade.cluster() : logFile.cluster();
    AuditLineParser parser =
        new AuditLineParser(
            json,
            new AuditEventNormalizer(redactor, json),
            noiseFilter,
            cluster,
            topics.audit().eventType());
    LogFileTailer.Settings settings =
        new LogFileTailer.Settings(
            logFile.path(),
            logFile.pollInterval(),
            logFile.maxBatch(),
            logFile.maxWait(),
            (int) logFile.maxLineSize().toBytes(),
            logFile.maxBackoff());
    return new LogFileTailer(
        settings,
        new CheckpointStore(logFile.checkpointPath(), json),
        parser,
        BatchPublisher.to(publisher, topics.audit()),
        rejects.getIfAvailable(
            () ->
                new DeadLetterLineSink(
                    publisher,
                    topics.deadLetter(),
                    redactor,
                    json,
                    cluster,
                    palisade.kafka().ackTimeout(),
                    Clock.systemUTC())),
        metrics,
        Clock.systemUTC(),
        logFileSleeper);
  }

  @Bean
  WakeableSleeper logFileSleeper() {
    return new WakeableSleeper();
  }

  @Bean
  LogFileTailerLifecycle logFileTailerLifecycle(
      LogFileTailer tailer, WakeableSleeper logFileSleeper, IntakeProperties palisade) {
    // a publish in progress ends within the ack timeout; then the tailer returns
    Duration stopTimeout = palisade.kafka().ackTimeout().plusSeconds(2);
    return new LogFileTailerLifecycle(tailer, logFileSleeper, stopTimeout);
  }

  @Bean
  LogFileHealthIndicator auditLogFileHealthIndicator(LogFileTailer tailer) {
    return new LogFileHealthIndicator(tailer);
  }
}
