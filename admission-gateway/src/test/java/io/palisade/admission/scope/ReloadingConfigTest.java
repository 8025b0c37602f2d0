package io.palisade.admission.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingConfigTest {

  @TempDir Path dir;

  private final List<String> events = new ArrayList<>();
  private final ReloadingConfig.Listener recorder =
      new ReloadingConfig.Listener() {
        @Override
        public void applied(Path file, String sha256) {
          events.add("applied " + sha256.substring(0, 8));
        }

        @Override
        public void rejected(Path file, String problem) {
          events.add("rejected " + problem);
        }
      };

  private Path write(String content) throws IOException {
    Path file = dir.resolve("admission-policy.yaml");
    Files.writeString(file, content);
    return file;
  }

  private ReloadingConfig<AdmissionScope> load(Path file) {
    return ReloadingConfig.load(file, AdmissionScope.parser(Clock.systemUTC()), recorder);
  }

  private static String enforceDefault(ReloadingConfig<AdmissionScope> config) {
    return config.get().podSecurity().defaults().enforce().level();
  }

  @Test
  void loadsTheFileAtStartup() throws IOException {
    ReloadingConfig<AdmissionScope> config = load(write("defaults:\n  enforce: restricted\n"));

    assertThat(enforceDefault(config)).isEqualTo("restricted");
    assertThat(events).hasSize(1).first().asString().startsWith("applied ");
  }

  @Test
  void invalidOrMissingFileAtStartupIsAnErrorNamingIt() throws IOException {
    Path bad = write("defaults:\n  enforce: strict\n");
    assertThatThrownBy(() -> load(bad))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("admission-policy.yaml: defaults.enforce: \"strict\" is not a level");

    Path missing = dir.resolve("absent.yaml");
    assertThatIllegalStateException()
        .isThrownBy(() -> load(missing))
        .withMessage("cannot read " + missing + ": no such file");
  }

  @Test
  void sameContentIsUnchangedEvenWhenTouched() throws IOException {
    Path file = write("workloads: warn\n");
    ReloadingConfig<AdmissionScope> config = load(file);
    AdmissionScope before = config.get();
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.UNCHANGED);
    assertThat(config.get()).isSameAs(before);
    assertThat(events).hasSize(1);
  }

  @Test
  void changedValidContentReplacesTheValue() throws IOException {
    Path file = write("defaults:\n  enforce: baseline\n");
    ReloadingConfig<AdmissionScope> config = load(file);

    write("defaults:\n  enforce: restricted\n");

    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.APPLIED);
    assertThat(enforceDefault(config)).isEqualTo("restricted");
    assertThat(events).hasSize(2).allMatch(event -> event.startsWith("applied "));
  }

  @Test
  void invalidContentKeepsThePreviousValueAndIsReportedOnce() throws IOException {
    Path file = write("defaults:\n  enforce: baseline\n");
    ReloadingConfig<AdmissionScope> config = load(file);
    AdmissionScope before = config.get();

    write("defaults:\n  enforce: strict\n");
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.REJECTED);
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.UNCHANGED);

    assertThat(config.get()).isSameAs(before);
    assertThat(events)
        .hasSize(2)
        .last()
        .asString()
        .startsWith("rejected " + file + ": defaults.enforce: \"strict\" is not a level");

    write("defaults:\n  enforce: restricted\n");
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.APPLIED);
    assertThat(enforceDefault(config)).isEqualTo("restricted");
  }

  @Test
  void revertingABadEditToTheAppliedContentNeedsNoReload() throws IOException {
    Path file = write("workloads: warn\n");
    ReloadingConfig<AdmissionScope> config = load(file);
    write("workloads: maybe\n");
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.REJECTED);

    write("workloads: warn\n");
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.UNCHANGED);

    // the same bad edit again is a new event: it was fixed in between
    write("workloads: maybe\n");
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.REJECTED);
    assertThat(events).filteredOn(event -> event.startsWith("rejected")).hasSize(2);
  }

  @Test
  void deletedOrNonUtf8FileKeepsThePreviousValue() throws IOException {
    Path file = write("workloads: warn\n");
    ReloadingConfig<AdmissionScope> config = load(file);

    Files.delete(file);
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.REJECTED);
    assertThat(events).last().isEqualTo("rejected cannot read the file: no such file");

    Files.write(file, new byte[] {'w', ':', ' ', (byte) 0xC3, (byte) 0x28});
    assertThat(config.check()).isEqualTo(ReloadingConfig.Outcome.REJECTED);
    assertThat(events).last().isEqualTo("rejected the file is not UTF-8 text");
    assertThat(config.get().workloads()).isEqualTo(WorkloadEnforcement.WARN);
  }

  @Test
  void watchingPicksUpAChangeOnItsOwn() throws Exception {
    Path file = write("workloads: warn\n");
    BlockingQueue<String> applied = new LinkedBlockingQueue<>();
    ReloadingConfig<AdmissionScope> config =
        ReloadingConfig.load(
            file,
            AdmissionScope.parser(Clock.systemUTC()),
            new ReloadingConfig.Listener() {
              @Override
              public void applied(Path changed, String sha256) {
                applied.add(sha256);
              }

              @Override
              public void rejected(Path changed, String problem) {}
            });
    applied.clear();
    try (config) {
      config.startWatching(Duration.ofMillis(10));
      write("workloads: enforce\n");

      // waits for the watcher's own event; the bound only stops a broken test from hanging
      assertThat(applied.poll(30, TimeUnit.SECONDS)).isNotNull();
      assertThat(config.get().workloads()).isEqualTo(WorkloadEnforcement.ENFORCE);
    }
  }

  @Test
  void readersSeeTheOldOrTheNewScopeNeverAMix() throws IOException {
    Path file = write("namespaces:\n  a:\n    enforce: restricted\n");
    ReloadingConfig<AdmissionScope> config = load(file);
    AdmissionScope old = config.get();

    write("namespaces:\n  b:\n    enforce: restricted\n");
    config.check();

    assertThat(old.podSecurity().resolve("a", Map.of()).enforce().level()).isEqualTo("restricted");
    assertThat(config.get().podSecurity().resolve("a", Map.of()).enforce().level())
        .isEqualTo("baseline");
    assertThat(config.get().podSecurity().resolve("b", Map.of()).enforce().level())
        .isEqualTo("restricted");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("b:");
  }
}
