package io.palisade.audit.logfile;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * How far the tailer got, durably: every line of {@code file} before {@code offset} was
 * acknowledged by Kafka.
 *
 * @param path where the file was when the checkpoint was written (informative: after a rotation the
 *     file is found by its identity)
 * @param file the file's device and inode
 * @param offset the byte offset just past the last acknowledged line
 * @param head a digest of the file's first bytes, to tell a reused inode or a truncated file apart
 * @param modified the file's modification time as last seen; rotated files newer than this have not
 *     been read yet
 */
public record Checkpoint(
    Path path, FileIdentity file, long offset, FileHead head, FileTime modified) {

  public Checkpoint {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(modified, "modified");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
  }
}
