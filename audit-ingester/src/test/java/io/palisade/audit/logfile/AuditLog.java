package io.palisade.audit.logfile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Writes an audit log the way the API server's log backend does ({@code --audit-log-format=json}):
 * one compact {@code audit.k8s.io/v1} Event per line, and rotates it the way lumberjack does
 * (rename, then a new file at the same path).
 */
final class AuditLog {

  private final Path path;

  AuditLog(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  /** The record id an event written by {@link #event} gets. */
  static String idOf(int n) {
    return auditId(n) + "/ResponseComplete";
  }

  /** The {@code n} of an id made by {@link #idOf}. */
  static int numberOf(String id) {
    return Integer.parseInt(id.substring(24, 36));
  }

  static String auditId(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  /** A realistic Event line (without the newline): a get of pod {@code web-<n>} by alice. */
  static String event(int n) {
    String time = Instant.parse("2026-03-01T10:00:00Z").plusMillis(n).toString();
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\""
        + auditId(n)
        + "\",\"stage\":\"ResponseComplete\","
        + "\"requestURI\":\"/api/v1/namespaces/shop/pods/web-"
        + n
        + "\",\"verb\":\"get\",\"user\":{\"username\":\"alice\",\"groups\":"
        + "[\"developers\",\"system:authenticated\"]},\"sourceIPs\":[\"10.0.0.7\"],"
        + "\"userAgent\":\"kubectl/v1.31.0 (linux/amd64) kubernetes/abcdef0\","
        + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web-"
        + n
        + "\",\"apiVersion\":\"v1\"},\"responseStatus\":{\"metadata\":{},\"code\":200},"
        + "\"requestReceivedTimestamp\":\""
        + time
        + "\",\"stageTimestamp\":\""
        + time
        + "\",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
        + "\"authorization.k8s.io/reason\":\"RBAC: allowed by RoleBinding\"}}";
  }

  /** Appends events {@code from} to {@code to} (inclusive), one line each. */
  AuditLog appendEvents(int from, int to) {
    StringBuilder lines = new StringBuilder();
    for (int n = from; n <= to; n++) {
      lines.append(event(n)).append('\n');
    }
    return append(lines.toString());
  }

  /** Appends raw text (a partial line, a malformed line, …). */
  AuditLog append(String text) {
    try {
      Files.writeString(path, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Renames the file to {@code rotatedName} (same directory) and creates a new, empty one. */
  Path rotate(String rotatedName) {
    try {
      Path rotated = path.resolveSibling(rotatedName);
      Files.move(path, rotated, StandardCopyOption.ATOMIC_MOVE);
      Files.createFile(path);
      return rotated;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** logrotate's copytruncate: copies the file, then truncates it in place. */
  Path copyTruncate(String copyName) {
    try {
      Path copy = path.resolveSibling(copyName);
      Files.copy(path, copy);
      Files.write(path, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long size() {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void setModified(Path file, Instant time) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(time));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
