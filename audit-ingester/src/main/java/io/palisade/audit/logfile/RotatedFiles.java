package io.palisade.audit.logfile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rotated siblings of the active log file, as the API server's rotation (lumberjack: {@code
 * audit.log} → {@code audit-2026-01-02T15-04-05.000.log}) and logrotate ({@code audit.log.1},
 * {@code audit.log-20260102}) name them: the file's name, or its name without the extension
 * followed by the extension, with a {@code .} or {@code -} and a digit-led suffix in between.
 * Compressed files cannot be tailed and are left out.
 */
final class RotatedFiles {

  private static final List<String> COMPRESSED =
      List.of(".gz", ".bz2", ".xz", ".zst", ".lz4", ".zip", ".z");

  private static final Comparator<FileIdentity.Stat> OLDEST_FIRST =
      Comparator.comparing(FileIdentity.Stat::modified)
          .thenComparing(stat -> stat.path().getFileName().toString());

  private final Path active;
  private final Set<Path> ignored;
  private final Pattern rotatedName;

  RotatedFiles(Path active, Collection<Path> ignored) {
    this.active = active.toAbsolutePath();
    this.ignored = Set.copyOf(ignored.stream().map(Path::toAbsolutePath).toList());
    String name = this.active.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : "";
    String suffix = "[.-][0-9][0-9A-Za-z._-]*";
    this.rotatedName =
        Pattern.compile(
            Pattern.quote(stem)
                + suffix
                + Pattern.quote(extension)
                + "|"
                + Pattern.quote(name)
                + suffix);
  }

  /** Whether {@code fileName} looks like a rotated (and uncompressed) copy of the active file. */
  boolean isRotatedName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return rotatedName.matcher(fileName).matches()
        && COMPRESSED.stream().noneMatch(lower::endsWith);
  }

  /** The rotated siblings, oldest first (by modification time, then name). */
  List<FileIdentity.Stat> list() throws IOException {
    List<FileIdentity.Stat> siblings = new ArrayList<>();
    Path directory = active.getParent();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        Path path = entry.toAbsolutePath();
        if (path.equals(active)
            || ignored.contains(path)
            || !isRotatedName(path.getFileName().toString())) {
          continue;
        }
        FileIdentity.stat(path).ifPresent(siblings::add);
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    siblings.sort(OLDEST_FIRST);
    return siblings;
  }

  /** The rotated sibling that is this file (renamed), if it still exists. */
  Optional<FileIdentity.Stat> withIdentity(FileIdentity identity) throws IOException {
    return list().stream().filter(stat -> stat.identity().equals(identity)).findFirst();
  }

  /**
   * A rotated sibling (other than {@code except}) that starts with {@code head} and holds at least
   * {@code minSize} bytes: the copy copytruncate made of the file before truncating it.
   */
  Optional<FileIdentity.Stat> withHead(FileHead head, long minSize, FileIdentity except)
      throws IOException {
    if (head.length() == 0) {
      return Optional.empty(); // nothing to recognise it by
    }
    for (FileIdentity.Stat stat : list()) {
      if (stat.identity().equals(except) || stat.size() < minSize) {
        continue;
      }
      try {
        if (head.matches(stat.path())) {
          return Optional.of(stat);
        }
      } catch (NoSuchFileException e) {
        // removed since it was listed
      }
    }
    return Optional.empty();
  }

  /**
   * The oldest rotated sibling modified at or after {@code notBefore} that is none of {@code done}:
   * the next file rotation produced after the one just finished.
   */
  Optional<FileIdentity.Stat> next(FileTime notBefore, Set<FileIdentity> done) throws IOException {
    return list().stream()
        .filter(stat -> stat.modified().compareTo(notBefore) >= 0)
        .filter(stat -> !done.contains(stat.identity()))
        .findFirst();
  }
}
