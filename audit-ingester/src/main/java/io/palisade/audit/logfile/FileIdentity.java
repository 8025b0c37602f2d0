package io.palisade.audit.logfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * Which file this is, independent of its name: device and inode. A rename (how the API server's log
 * rotation works) keeps both, so a rotated file is found again among its siblings by its identity.
 */
public record FileIdentity(long device, long inode) {

  /** The identity and modification time of the file at {@code path}, empty if there is none. */
  static Optional<Stat> stat(Path path) throws IOException {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(path, "unix:dev,ino,lastModifiedTime,size,isRegularFile");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      throw new IOException(
          "log-file mode needs a file system with inode numbers (the unix attribute view), which "
              + path
              + " does not offer",
          e);
    }
    if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
      return Optional.empty();
    }
    return Optional.of(
        new Stat(
            path,
            new FileIdentity(
                ((Number) attributes.get("dev")).longValue(),
                ((Number) attributes.get("ino")).longValue()),
            (FileTime) attributes.get("lastModifiedTime"),
            ((Number) attributes.get("size")).longValue()));
  }

  @Override
  public String toString() {
    return "dev " + device + " inode " + inode;
  }

  /** What one look at a path saw. */
  record Stat(Path path, FileIdentity identity, FileTime modified, long size) {}
}
