package io.palisade.audit.logfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class CheckpointStoreTest {

  @TempDir Path dir;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void savesAndLoadsACheckpoint() throws IOException {
    CheckpointStore store = new CheckpointStore(dir.resolve("state/checkpoint.json"), json);
    Checkpoint checkpoint = checkpoint(4096);

    store.save(checkpoint);

    assertThat(store.load()).contains(checkpoint);
  }

  @Test
  void replacesTheCheckpointAndLeavesNoTemporaryFile() throws IOException {
    CheckpointStore store = new CheckpointStore(dir.resolve("checkpoint.json"), json);

    store.save(checkpoint(1));
    store.save(checkpoint(2));

    assertThat(store.load().orElseThrow().offset()).isEqualTo(2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoint.json");
    }
  }

  @Test
  void isEmptyBeforeTheFirstSave() throws IOException {
    assertThat(new CheckpointStore(dir.resolve("none.json"), json).load()).isEmpty();
  }

  @Test
  void refusesAnUnreadableCheckpointNamingTheFile() throws IOException {
    Path path = Files.writeString(dir.resolve("checkpoint.json"), "{\"version\":1,\"path\":\"x\"}");
    CheckpointStore store = new CheckpointStore(path, json);

    assertThatThrownBy(store::load)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContaining("missing field 'device'");
  }

  private static Checkpoint checkpoint(long offset) {
    return new Checkpoint(
        Path.of("/var/log/kubernetes/audit/audit.log"),
        new FileIdentity(2049, 1234567),
        offset,
        new FileHead(1024, "ab".repeat(32)),
        FileTime.from(Instant.parse("2026-03-01T10:00:00.123Z")));
  }
}
