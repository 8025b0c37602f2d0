package io.palisade.admission.scope;

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
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration value read from a file and replaced, without restart, when the file changes.
 *
 * <p>{@link #check()} reads the file and compares the SHA-256 of its content with the content in
 * use (the modification time alone misses edits within its granularity, and a Kubernetes ConfigMap
 * mount swaps a symlink). New content is parsed; only a valid result replaces the current value,
 * atomically, so readers see the old value or the new one, never a mix. Invalid, unreadable or
 * deleted content keeps the previous value; it is logged and reported to the {@link Listener} once
 * per distinct content, not at every poll.
 *
 * <p>{@link #start} runs {@code check()} on a scheduler; tests call {@code check()} directly.
 *
 * @param <T> the parsed configuration; must be immutable
 */
public final class ReloadingConfig<T> implements Supplier<T>, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReloadingConfig.class);

  /** Turns a file's text into a value, or throws a {@link RuntimeException} saying why not. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(Path file, String text);
  }

  /** Told about every reload, so the caller can count and expose them (e.g. as metrics). */
  public interface Listener {
    /** A new content was parsed and is now in use. */
    void applied(Path file, String sha256);

    /** A changed content was refused; the previous value stays in use. */
    void rejected(Path file, String problem);

    Listener NONE =
        new Listener() {
          @Override
          public void applied(Path file, String sha256) {}

          @Override
          public void rejected(Path file, String problem) {}
        };
  }

  /** What one {@link #check()} did. */
  public enum Outcome {
    /** Same content as in use, or the same refused content as last time. */
    UNCHANGED,
    /** New valid content is now in use. */
    APPLIED,
    /** New content refused; the previous value stays. */
    REJECTED
  }

  private final Path file;
  private final Parser<T> parser;
  private final Listener listener;
  private final AtomicReference<T> current = new AtomicReference<>();
  private String appliedHash;
  private String refusedHash;
  private ScheduledFuture<?> schedule;
  private ScheduledExecutorService ownScheduler;

  private ReloadingConfig(Path file, Parser<T> parser, Listener listener) {
    this.file = Objects.requireNonNull(file, "file");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Reads and parses the file now. A file that is missing or invalid at startup is an error: the
   * service should not start on a configuration nobody has seen.
   *
   * @throws IllegalStateException when the file cannot be read, with the reason
   * @throws RuntimeException whatever the parser throws for invalid content
   */
  public static <T> ReloadingConfig<T> load(Path file, Parser<T> parser, Listener listener) {
    ReloadingConfig<T> config = new ReloadingConfig<>(file, parser, listener);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + describe(e), e);
    }
    String hash = sha256(content);
    config.current.set(parser.parse(file, decode(content)));
    config.appliedHash = hash;
    listener.applied(file, hash);
    log.info("loaded {} (sha256 {})", file, hash);
    return config;
  }

  /** The value in use. */
  @Override
  public T get() {
    return current.get();
  }

  public Path file() {
    return file;
  }

  /** Re-reads the file and replaces the value if the content changed and is valid. */
  public synchronized Outcome check() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      return refuse("missing:" + describe(e), "cannot read the file: " + describe(e));
    }
    String hash = sha256(content);
    if (hash.equals(appliedHash)) {
      refusedHash = null;
      return Outcome.UNCHANGED;
    }
    if (hash.equals(refusedHash)) {
      return Outcome.UNCHANGED;
    }
    T parsed;
    try {
      parsed = parser.parse(file, decode(content));
    } catch (RuntimeException e) {
      return refuse(hash, e.getMessage());
    }
    current.set(parsed);
    appliedHash = hash;
    refusedHash = null;
    log.info("reloaded {} (sha256 {})", file, hash);
    listener.applied(file, hash);
    return Outcome.APPLIED;
  }

  private Outcome refuse(String hash, String problem) {
    if (hash.equals(refusedHash)) {
      return Outcome.UNCHANGED;
    }
    refusedHash = hash;
    log.warn("kept the previous configuration: {} is not usable: {}", file, problem);
    listener.rejected(file, problem);
    return Outcome.REJECTED;
  }

  /**
   * Checks the file every {@code interval} on {@code scheduler} until {@link #close()}. A check
   * that throws unexpectedly is logged and the schedule continues.
   */
  public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
    if (schedule != null) {
      throw new IllegalStateException("already started");
    }
    long millis = interval.toMillis();
    schedule =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                check();
              } catch (RuntimeException e) {
                log.warn("checking {} failed", file, e);
              }
            },
            millis,
            millis,
            TimeUnit.MILLISECONDS);
  }

  /**
   * Checks the file every {@code interval} on a daemon thread of its own, stopped by {@link
   * #close()}.
   */
  public synchronized void startWatching(Duration interval) {
    ownScheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "config-watch-" + file.getFileName());
              thread.setDaemon(true);
              return thread;
            });
    start(ownScheduler, interval);
  }

  /** Stops the periodic check; the current value stays readable. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
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
      throw new IllegalArgumentException("the file is not UTF-8 text", e);
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
}
