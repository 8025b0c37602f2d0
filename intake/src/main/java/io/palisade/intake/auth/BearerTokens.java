package io.palisade.intake.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer tokens an intake accepts. Only their SHA-256 digests are kept, and a presented token
 * is compared with every one of them in constant time, so neither the tokens nor the time a
 * comparison takes say anything about them. Tokens from a file are read again when the file changes
 * (a rotated Kubernetes Secret); a file that cannot be read keeps the tokens read before.
 */
public final class BearerTokens {

  private static final Logger log = LoggerFactory.getLogger(BearerTokens.class);

  private final List<byte[]> configured;
  private final Path file;
  private volatile Snapshot fromFile;

  private record Snapshot(FileTime modified, List<byte[]> digests) {}

  private BearerTokens(List<byte[]> configured, Path file) {
    this.configured = configured;
    this.file = file;
    this.fromFile = file == null ? new Snapshot(null, List.of()) : read(file);
  }

  /**
   * @param tokens tokens given in the configuration
   * @param file a file of tokens, one per line, or null
   * @throws UncheckedIOException when the file cannot be read at startup
   */
  public static BearerTokens of(Collection<String> tokens, Path file) {
    List<byte[]> digests = new ArrayList<>();
    for (String token : tokens) {
      if (token != null && !token.isBlank()) {
        digests.add(digest(token.strip()));
      }
    }
    return new BearerTokens(List.copyOf(digests), file);
  }

  /** True when no token is configured, so none can match. */
  public boolean isEmpty() {
    return configured.isEmpty() && file == null;
  }

  /** Whether {@code presented} is one of the tokens, compared in constant time. */
  public boolean matches(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    byte[] candidate = digest(presented);
    boolean match = false;
    for (byte[] token : configured) {
      match |= MessageDigest.isEqual(token, candidate);
    }
    for (byte[] token : currentFileTokens()) {
      match |= MessageDigest.isEqual(token, candidate);
    }
    return match;
  }

  private List<byte[]> currentFileTokens() {
    if (file == null) {
      return List.of();
    }
    Snapshot snapshot = fromFile;
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(snapshot.modified())) {
        snapshot = read(file);
        fromFile = snapshot;
        log.info("read {} bearer token(s) from {}", snapshot.digests().size(), file);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot read the token file {}, keeping the tokens read before: {}", file, e);
    }
    return snapshot.digests();
  }

  private static Snapshot read(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      List<byte[]> digests = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String token = line.strip();
        if (!token.isEmpty() && !token.startsWith("#")) {
          digests.add(digest(token));
        }
      }
      return new Snapshot(modified, List.copyOf(digests));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bearer token file " + file, e);
    }
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  @Override
  public String toString() {
    return "BearerTokens[configured=<" + configured.size() + " redacted>, file=" + file + "]";
  }
}
