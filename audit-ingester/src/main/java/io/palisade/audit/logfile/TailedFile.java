package io.palisade.audit.logfile;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One open log file, read line by line from a byte offset. The channel stays open for as long as
 * the file is read, so a file that is renamed or even deleted by rotation is still read to its end.
 * A line without its newline yet is kept back until the rest arrives; a line longer than the limit
 * is skipped (and reported as such) without being held in memory.
 */
final class TailedFile implements Closeable {

  private static final int CHUNK = 64 * 1024;

  private final Path path;
  private final FileIdentity identity;
  private final FileChannel channel;
  private final int maxLineBytes;
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK).limit(0);
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private boolean partialTooLarge;
  private FileTime modified;

  /** The next byte to read from the channel. */
  private long readPosition;

  /** Where the line being assembled starts: everything before it was returned as lines. */
  private long lineStart;

  private TailedFile(
      Path path, FileIdentity identity, FileChannel channel, FileTime modified, int maxLineBytes) {
    this.path = path;
    this.identity = identity;
    this.channel = channel;
    this.modified = modified;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Opens the file at {@code path} to read from {@code offset}; empty if there is no such file. The
   * identity is taken before and after opening so that a rotation in between cannot mislabel it.
   */
  static Optional<TailedFile> open(Path path, long offset, int maxLineBytes) throws IOException {
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<FileIdentity.Stat> before = FileIdentity.stat(path);
      if (before.isEmpty()) {
        return Optional.empty();
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        continue;
      }
      Optional<FileIdentity.Stat> after = FileIdentity.stat(path);
      if (after.isPresent() && after.get().identity().equals(before.get().identity())) {
        TailedFile file =
            new TailedFile(
                path, before.get().identity(), channel, after.get().modified(), maxLineBytes);
        file.readPosition = offset;
        file.lineStart = offset;
        return Optional.of(file);
      }
      channel.close(); // replaced while we opened it: look again
    }
    throw new IOException(path + " keeps being replaced while it is opened");
  }

  Path path() {
    return path;
  }

  FileIdentity identity() {
    return identity;
  }

  FileTime modified() {
    return modified;
  }

  /** Remembers a newer modification time seen at the path while it still named this file. */
  void seenModified(FileTime time) {
    if (time.compareTo(modified) > 0) {
      modified = time;
    }
  }

  /** The offset just past the last line returned. */
  long lineStart() {
    return lineStart;
  }

  long size() throws IOException {
    return channel.size();
  }

  /** Whether the file is now shorter than what was read from it (truncated, e.g. copytruncate). */
  boolean shrunk() throws IOException {
    return channel.size() < readPosition;
  }

  FileHead head(long upTo) throws IOException {
    return FileHead.of(channel, upTo);
  }

  boolean startsWith(FileHead head) throws IOException {
    return head.matches(channel);
  }

  /** Up to {@code max} complete lines from where the last call stopped; fewer at end of file. */
  List<LogLine> read(int max) throws IOException {
    List<LogLine> lines = new ArrayList<>();
    while (lines.size() < max) {
      if (!chunk.hasRemaining()) {
        chunk.clear();
        int read = channel.read(chunk, readPosition);
        chunk.flip();
        if (read <= 0) {
          break;
        }
        readPosition += read;
      }
      int start = chunk.position();
      int limit = chunk.limit();
      int newline = -1;
      for (int i = start; i < limit; i++) {
        if (chunk.get(i) == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      keep(start, end - start);
      if (newline < 0) {
        chunk.position(limit);
      } else {
        chunk.position(newline + 1);
        lines.add(completeLine(readPosition - chunk.remaining()));
      }
    }
    return lines;
  }

  /**
   * The last line of a file that will not grow any more, when it has no newline; empty if the file
   * ends with one. Call only after {@link #read} reached the end of the file.
   */
  Optional<LogLine> rest() {
    if (lineStart >= readPosition) {
      return Optional.empty();
    }
    return Optional.of(completeLine(readPosition));
  }

  /** Starts again at the beginning, e.g. after the file was truncated. */
  void rewind() {
    chunk.clear().limit(0);
    partial.reset();
    partialTooLarge = false;
    readPosition = 0;
    lineStart = 0;
  }

  private void keep(int from, int length) {
    if (length == 0 || partialTooLarge) {
      return;
    }
    if (partial.size() + length > maxLineBytes) {
      partialTooLarge = true;
      partial.reset();
      return;
    }
    partial.write(chunk.array(), from, length);
  }

  private LogLine completeLine(long end) {
    LogLine line;
    if (partialTooLarge) {
      line = new LogLine(lineStart, end, new byte[0], true);
    } else {
      byte[] bytes = partial.toByteArray();
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        bytes = Arrays.copyOf(bytes, length - 1);
      }
      line = new LogLine(lineStart, end, bytes, false);
    }
    partial.reset();
    partialTooLarge = false;
    lineStart = end;
    return line;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return path + " (" + identity + ")";
  }
}
