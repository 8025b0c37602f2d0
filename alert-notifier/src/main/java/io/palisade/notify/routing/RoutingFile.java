package io.palisade.notify.routing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing tree read from a YAML file ({@link RoutingFileParser}) and replaced, without restart,
 * when the file's content changes.
 *
 * <p>{@link #check()} reads the file and compares the SHA-256 of its content with the content in
 * use (a modification time misses edits within its granularity, and a Kubernetes ConfigMap mount
 * swaps a symlink). New content is parsed and validated against the configured receivers; only a
 * valid tree replaces the one in use, atomically, so a delivery loop routes each incident version
 * with the old tree or the new one, never a mix. Invalid, unreadable or deleted content keeps the
 * running tree: one error is logged (the file, and every problem with the route it is in) and the
 * {@link Listener} is told, once per distinct content, not at every poll.
 *
 * <p>{@link #startWatching} runs {@code check()} periodically; tests call {@code check()} directly.
 */
public final class RoutingFile implements CurrentRouting, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RoutingFile.class);

  /** Told about every reload, so that the caller can count them (metrics). */
  public interface Listener {
    /** A changed file was valid and its tree is now in use. */
    void applied(Path file, String sha256);

    /** A changed file was refused; the running tree stays. */
    void rejected(Path file, List<String> problems);

    Listener NONE =
        new Listener() {
          @Override
          public void applied(Path file, String sha256) {}

          @Override
          public void rejected(Path file, List<String> problems) {}
        };
  }

  /** What one {@link #check()} did. */
  public enum Outcome {
    /** Same content as in use, or the same refused content as last time. */
    UNCHANGED,
    /** A new valid tree is in use. */
    APPLIED,
    /** New content refused; the running tree stays. */
    REJECTED
  }

  private final Path file;
  private final List<String> receivers;
  private final Listener listener;
  private final AtomicReference<RoutingTree> current = new AtomicReference<>();
  private String appliedHash;
  private String refusedHash;
  private ScheduledExecutorService watcher;

  private RoutingFile(Path file, Collection<String> receivers, Listener listener) {
    this.file = Objects.requireNonNull(file, "file");
    this.receivers = List.copyOf(receivers);
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Reads and validates the file now. A missing or invalid file at start is an error: the service
   * does not start on a routing nobody has seen work.
   *
   * @param receivers the names of the configured receivers, which routes may name
   * @throws InvalidRoutingFileException naming the file and every problem
   */
  public static RoutingFile load(Path file, Collection<String> receivers, Listener listener) {
    RoutingFile routing = new RoutingFile(file, receivers, listener);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidRoutingFileException(file, List.of("cannot read the file: " + describe(e)));
    }
    String hash = sha256(content);
    routing.current.set(routing.build(content));
    routing.appliedHash = hash;
    log.info("routing loaded from {} (sha256 {})", file, hash);
    return routing;
  }

  /** The tree in use. */
  @Override
  public RoutingTree tree() {
    return current.get();
  }

  public Path file() {
    return file;
  }

  /** Re-reads the file and replaces the tree if the content changed and is valid. */
  public synchronized Outcome check() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      return refuse("unreadable:" + describe(e), List.of("cannot read the file: " + describe(e)));
    }
    String hash = sha256(content);
    if (hash.equals(appliedHash)) {
      refusedHash = null;
      return Outcome.UNCHANGED;
    }
    if (hash.equals(refusedHash)) {
      return Outcome.UNCHANGED;
    }
    RoutingTree tree;
    try {
      tree = build(content);
    } catch (InvalidRoutingFileException e) {
      return refuse(hash, e.problems());
    }
    current.set(tree);
    appliedHash = hash;
    refusedHash = null;
    log.info("routing reloaded from {} (sha256 {})", file, hash);
    listener.applied(file, hash);
    return Outcome.APPLIED;
  }

  private RoutingTree build(byte[] content) {
    RouteSpec root;
    try {
      root = RoutingFileParser.parse(decode(content));
    } catch (IllegalArgumentException e) {
      throw new InvalidRoutingFileException(file, List.of(e.getMessage()));
    }
    try {
      return RoutingTree.build(root, receivers);
    } catch (RoutingTree.InvalidRoutingException e) {
      throw new InvalidRoutingFileException(file, e.problems());
    }
  }

  private Outcome refuse(String hash, List<String> problems) {
    if (hash.equals(refusedHash)) {
      return Outcome.UNCHANGED;
    }
    refusedHash = hash;
    log.error(
        "routing file {} rejected, the running routing tree stays in use:\n  - {}",
        file,
        String.join("\n  - ", problems));
    listener.rejected(file, problems);
    return Outcome.REJECTED;
  }

  /**
   * Checks the file every {@code interval} on a daemon thread of its own until {@link #close()}. A
   * check that fails unexpectedly is logged and the schedule carries on.
   */
  public synchronized void startWatching(Duration interval) {
    if (watcher != null) {
      throw new IllegalStateException("already watching " + file);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive, got " + interval);
    }
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "routing-file-watch");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    watcher.scheduleWithFixedDelay(
        () -> {
          try {
            check();
          } catch (RuntimeException e) {
            log.warn("checking the routing file {} failed", file, e);
          }
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  /** Stops watching; the tree in use stays. */
  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }

  private static String decode(byte[] content) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the file is not UTF-8 text");
    }
  }

  private static String describe(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : e.toString();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** A routing file that cannot be used; the message names the file and lists every problem. */
  public static final class InvalidRoutingFileException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidRoutingFileException(Path file, List<String> problems) {
      super("invalid routing file " + file + ":\n  - " + String.join("\n  - ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
