package io.palisade.audit.logfile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the {@link Checkpoint} in a small JSON file. A save is atomic and durable: the new content
 * goes to a temporary file that is forced to disk and then renamed over the old one (and the
 * directory is forced too), so a crash at any moment leaves either the old or the new checkpoint,
 * never a torn one.
 */
public final class CheckpointStore {

  private static final int VERSION = 1;

  private final Path path;
  private final Path temporary;
  private final JsonMapper json;

  public CheckpointStore(Path path, JsonMapper json) {
    this.path = path.toAbsolutePath();
    this.temporary = this.path.resolveSibling(this.path.getFileName() + ".tmp");
    this.json = json;
  }

  public Path path() {
    return path;
  }

  /** The saved checkpoint; empty when none was ever saved. */
  public Optional<Checkpoint> load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonNode root = json.readTree(bytes);
      if (root == null || !root.isObject() || root.path("version").asInt() != VERSION) {
        throw new IllegalArgumentException("not a version " + VERSION + " checkpoint");
      }
      return Optional.of(
          new Checkpoint(
              Path.of(required(root, "path").asString()),
              new FileIdentity(required(root, "device").asLong(), required(root, "inode").asLong()),
              required(root, "offset").asLong(),
              new FileHead(
                  required(root, "headLength").asInt(), required(root, "headSha256").asString()),
              FileTime.from(Instant.parse(required(root, "modified").asString()))));
    } catch (JacksonException | IllegalArgumentException | DateTimeException e) {
      throw new IOException(
          "the checkpoint file "
              + path
              + " is not valid ("
              + e.getMessage()
              + "); fix or delete it (the tailer then starts at the beginning of the current"
              + " log file)",
          e);
    }
  }

  /** Replaces the saved checkpoint, durably; returns once it is on disk. */
  public void save(Checkpoint checkpoint) throws IOException {
    ObjectNode root = json.createObjectNode();
    root.put("version", VERSION);
    root.put("path", checkpoint.path().toString());
    root.put("device", checkpoint.file().device());
    root.put("inode", checkpoint.file().inode());
    root.put("offset", checkpoint.offset());
    root.put("headLength", checkpoint.head().length());
    root.put("headSha256", checkpoint.head().sha256());
    root.put("modified", checkpoint.modified().toInstant().toString());
    byte[] bytes = (json.writeValueAsString(root) + "\n").getBytes(UTF_8);

    Files.createDirectories(path.getParent());
    try (FileChannel out =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    try {
      Files.move(
          temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system of " + path + " cannot rename atomically; put the checkpoint elsewhere",
          e);
    }
    forceDirectory();
  }

  /** Makes the rename itself durable. Not every platform can open a directory; those skip it. */
  private void forceDirectory() {
    try (FileChannel directory = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      // e.g. Windows: the rename is as durable as the platform makes it
    }
  }

  private static JsonNode required(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return node;
  }
}
