package io.palisade.audit.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatedFilesTest {

  @TempDir Path dir;

  @Test
  void recognisesTheNamesLumberjackAndLogrotateGiveRotatedFiles() {
    RotatedFiles rotated = new RotatedFiles(dir.resolve("audit.log"), List.of());

    assertThat(rotated.isRotatedName("audit-2026-03-01T12-00-00.000.log")).isTrue();
    assertThat(rotated.isRotatedName("audit.log.1")).isTrue();
    assertThat(rotated.isRotatedName("audit.log-20260301")).isTrue();
    assertThat(rotated.isRotatedName("audit.1.log")).isTrue();
  }

  @Test
  void leavesOutTheActiveFileCompressedFilesAndUnrelatedFiles() {
    RotatedFiles rotated = new RotatedFiles(dir.resolve("audit.log"), List.of());

    assertThat(rotated.isRotatedName("audit.log")).isFalse();
    assertThat(rotated.isRotatedName("audit-2026-03-01T12-00-00.000.log.gz")).isFalse();
    assertThat(rotated.isRotatedName("audit.log.2.gz")).isFalse();
    assertThat(rotated.isRotatedName("audit-policy.yaml")).isFalse();
    assertThat(rotated.isRotatedName("audit.logs")).isFalse();
    assertThat(rotated.isRotatedName("other.log.1")).isFalse();
  }

  @Test
  void listsRotatedSiblingsOldestFirstAndFindsOneByIdentity() throws IOException {
    Path newer = file("audit.log.1", "2026-03-01T12:00:00Z");
    Path older = file("audit.log.2", "2026-03-01T11:00:00Z");
    file("audit.log", "2026-03-01T13:00:00Z");
    Path checkpoint = file("audit.log.0.checkpoint", "2026-03-01T13:00:00Z");
    RotatedFiles rotated = new RotatedFiles(dir.resolve("audit.log"), List.of(checkpoint));

    assertThat(rotated.list())
        .extracting(stat -> stat.path().getFileName().toString())
        .containsExactly("audit.log.2", "audit.log.1");
    FileIdentity olderId = FileIdentity.stat(older).orElseThrow().identity();
    assertThat(rotated.withIdentity(olderId).orElseThrow().path()).isEqualTo(older);
    assertThat(rotated.next(FileTime.from(Instant.parse("2026-03-01T11:30:00Z")), Set.of()))
        .map(FileIdentity.Stat::path)
        .contains(newer);
    assertThat(rotated.next(FileTime.from(Instant.parse("2026-03-01T11:00:00Z")), Set.of(olderId)))
        .map(FileIdentity.Stat::path)
        .contains(newer);
  }

  private Path file(String name, String modified) throws IOException {
    Path path = Files.writeString(dir.resolve(name), name + "\n");
    Files.setLastModifiedTime(path, FileTime.from(Instant.parse(modified)));
    return path;
  }
}
