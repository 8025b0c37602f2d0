package io.palisade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.palisade.benchmarks.LoadSettings.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {

  @Test
  void defaultsSendTheApiServersBatchSizeToThreePartitions() {
    LoadSettings defaults = LoadSettings.parse();

    assertThat(defaults.batchSize()).isEqualTo(400);
    assertThat(defaults.partitions()).isEqualTo(3);
    assertThat(defaults.scenarios())
        .containsExactlyInAnyOrder(
            Scenario.AUDIT, Scenario.FALCO, Scenario.FALCO_NDJSON, Scenario.AUDIT_TLS);
    assertThat(LoadSettings.parse("--only=falco-ndjson").scenarios())
        .containsExactly(Scenario.FALCO_NDJSON);
    assertThat(defaults.write()).isNull();
    assertThat(defaults.producer()).isEmpty();
  }

  @Test
  void readsEveryOption() {
    LoadSettings s =
        LoadSettings.parse(
            "--only=falco",
            "--partitions=6",
            "--batch-size=100",
            "--audit-clients=2",
            "--falco-clients=16",
            "--body-pool=4",
            "--warmup=500ms",
            "--duration=2m",
            "--max-requests=77",
            "--max-baseline-records=1000",
            "--producer=batch.size=131072",
            "--producer=linger.ms=1",
            "--write=docs/benchmarks.md");

    assertThat(s.scenarios()).containsExactly(Scenario.FALCO);
    assertThat(s.runs(Scenario.AUDIT)).isFalse();
    assertThat(s.partitions()).isEqualTo(6);
    assertThat(s.batchSize()).isEqualTo(100);
    assertThat(s.auditClients()).isEqualTo(2);
    assertThat(s.falcoClients()).isEqualTo(16);
    assertThat(s.bodyPool()).isEqualTo(4);
    assertThat(s.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.maxRequests()).isEqualTo(77);
    assertThat(s.maxBaselineRecords()).isEqualTo(1000);
    assertThat(s.write()).isEqualTo(Path.of("docs/benchmarks.md"));
    assertThat(s.producer())
        .containsExactly(entry("batch.size", "131072"), entry("linger.ms", "1"));
    assertThatThrownBy(() -> LoadSettings.parse("--producer=batch.size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KEY=VALUE");
  }

  @Test
  void refusesUnknownOptionsWithTheUsage() {
    assertThatThrownBy(() -> LoadSettings.parse("--clients=4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --clients")
        .hasMessageContaining("--audit-clients=N");
    assertThatThrownBy(() -> LoadSettings.parse("fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown argument 'fast'");
  }

  @Test
  void refusesValuesThatCannotBound() {
    assertThatThrownBy(() -> LoadSettings.parse("--audit-clients=0"))
        .hasMessageContaining("--audit-clients must be positive");
    assertThatThrownBy(() -> LoadSettings.parse("--max-requests=-1"))
        .hasMessageContaining("--max-requests must be positive");
    assertThatThrownBy(() -> LoadSettings.parse("--duration=0s"))
        .hasMessageContaining("--duration must be positive");
    assertThatThrownBy(() -> LoadSettings.parse("--warmup=ten"))
        .hasMessageContaining("a duration like 500ms, 10s or 2m");
    assertThatThrownBy(() -> LoadSettings.parse("--only=admission"))
        .hasMessageContaining("--only must be audit, falco, falco-ndjson or audit-tls");
  }

  @Test
  void allowsNoWarmup() {
    assertThat(LoadSettings.parse("--warmup=0s").warmup()).isZero();
  }
}
