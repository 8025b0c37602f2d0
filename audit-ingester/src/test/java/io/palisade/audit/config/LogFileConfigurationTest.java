package io.palisade.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.audit.filter.NoiseFilter;
import io.palisade.audit.logfile.LogFileHealthIndicator;
import io.palisade.audit.logfile.LogFileTailer;
import io.palisade.audit.logfile.LogFileTailerLifecycle;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeProperties;
import io.palisade.schemas.PalisadeTopics;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LogFileConfigurationTest {

  @TempDir Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Dependencies.class, LogFileConfiguration.class);

  @Test
  void isOffByDefault() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(LogFileTailer.class);
          assertThat(context).doesNotHaveBean(LogFileTailerLifecycle.class);
        });
  }

  @Test
  void runsTheTailerOnItsOwnThreadWhenEnabled() {
    runner
        .withPropertyValues(
            "palisade.audit.log-file.enabled=true",
            "palisade.audit.log-file.path=" + dir.resolve("audit.log"),
            "palisade.audit.log-file.checkpoint-path=" + dir.resolve("checkpoint.json"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(LogFileTailerLifecycle.class).isRunning()).isTrue();
              assertThat(context.getBean(LogFileHealthIndicator.class).health().getStatus())
                  .isEqualTo(Status.UP);
              LogFileProperties properties = context.getBean(LogFileProperties.class);
              assertThat(properties.maxBatch()).isEqualTo(500);
              assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(250));
              assertThat(properties.maxWait()).isEqualTo(Duration.ofMillis(200));
            });
  }

  @Test
  void refusesToStartWhenEnabledWithoutItsFiles() {
    runner
        .withPropertyValues("palisade.audit.log-file.enabled=true")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("checkpoint-path must be set when enabled"));
  }

  @Test
  void refusesAZeroPollIntervalAndAnInvalidClusterName() {
    runner
        .withPropertyValues(
            "palisade.audit.log-file.enabled=true",
            "palisade.audit.log-file.path=" + dir.resolve("audit.log"),
            "palisade.audit.log-file.checkpoint-path=" + dir.resolve("checkpoint.json"),
            "palisade.audit.log-file.poll-interval=0s",
            "palisade.audit.log-file.cluster=no spaces")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("poll-interval and max-backoff must be positive")
                    .hasMessageContaining("cluster"));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(IntakeProperties.class)
  static class Dependencies {

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    AuditRedactor auditRedactor() {
      return new AuditRedactor();
    }

    @Bean
    NoiseFilter noiseFilter() {
      return NoiseFilter.none();
    }

    @Bean
    PalisadeTopics palisadeTopics() {
      return PalisadeTopics.withDefaultNames();
    }

    @Bean(destroyMethod = "close")
    EvidencePublisher evidencePublisher() {
      return new EvidencePublisher(
          new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
          Duration.ofSeconds(1));
    }
  }
}
