package io.palisade.audit.logfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of a file's first bytes (at most {@value #MAX_LENGTH}, and never more than was already
 * acknowledged, because those bytes no longer change). An inode number can be reused by a new file
 * after the old one is deleted, and copytruncate keeps the inode but replaces the content; the head
 * tells both apart from the file that was checkpointed, and finds the copy copytruncate left.
 *
 * @param length how many bytes were hashed; 0 means nothing is known about the content
 * @param sha256 hex SHA-256 of those bytes
 */
public record FileHead(int length, String sha256) {

  static final int MAX_LENGTH = 1024;
  static final FileHead NONE = new FileHead(0, sha256(new byte[0]));

  /** The head of the first {@code min(upTo, MAX_LENGTH)} bytes of an open file. */
  static FileHead of(FileChannel channel, long upTo) throws IOException {
    int length = (int) Math.min(upTo, MAX_LENGTH);
    if (length <= 0) {
      return NONE;
    }
    ByteBuffer bytes = ByteBuffer.allocate(length);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, bytes.position()) < 0) {
        break;
      }
    }
    if (bytes.hasRemaining()) {
      return NONE; // shorter than asked: cannot be the head we look for
    }
    return new FileHead(length, sha256(bytes.array()));
  }

  /** Whether the open file still starts with these bytes. */
  boolean matches(FileChannel channel) throws IOException {
    if (length == 0) {
      return true;
    }
    return channel.size() >= length && equals(of(channel, length));
  }

  /** Whether the file at {@code path} starts with these bytes. */
  boolean matches(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return matches(channel);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
