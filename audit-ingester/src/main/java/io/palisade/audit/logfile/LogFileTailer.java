package io.palisade.audit.logfile;

import io.palisade.audit.logfile.TailerStatus.State;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.Evidence;
import io.palisade.intake.InvalidEvidenceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the API server's JSON audit log ({@code --audit-log-path}) into Kafka with a durable
 * checkpoint.
 *
 * <p>Lines are read in batches (at most {@code maxBatch} lines, waiting at most {@code maxWait} for
 * a batch to fill), parsed and redacted like webhook events, and published; only when Kafka
 * acknowledged the whole batch is the checkpoint (file identity, offset after the batch, head
 * digest) replaced, atomically. A failed batch is retried as it is, with backoff, and the
 * checkpoint does not move. So after a restart, or a crash at any point, the tailer resumes at the
 * checkpoint: nothing is lost, and only the batch that was in flight can be published twice.
 *
 * <p>Rotation: when the path names another file, the old one (still open) is read to its end, then
 * rotated files written after it, then the new file from its start. After a restart the
 * checkpointed file is found among the rotated siblings by its device and inode. A truncated file
 * (copytruncate) is read on from its copy if the copy is still there, else from its new start.
 *
 * <p>It runs on one thread ({@link #run}) until {@link #stop}; nothing in it needs Spring.
 */
public final class LogFileTailer implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(LogFileTailer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  private final Settings settings;
  private final Path activePath;
  private final CheckpointStore checkpoints;
  private final AuditLineParser parser;
  private final BatchPublisher publisher;
  private final RejectedLineSink rejects;
  private final LogFileMetrics metrics;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RotatedFiles rotatedFiles;

  private volatile boolean stopping;
  private volatile TailerStatus status;

  // Everything below belongs to the thread that runs the tailer.
  private boolean resumed;

  /** The file being read; null while the log file does not exist. */
  private TailedFile current;

  /** False while finishing a file that rotation moved away. */
  private boolean currentIsActive;

  /** Rotated files finished since the active file was last opened. */
  private final Set<FileIdentity> finished = new HashSet<>();

  /** Lines read and not yet handed to Kafka. */
  private Batch open = new Batch();

  /** The batch being published; retried until Kafka acknowledges it. */
  private Batch sealed;

  /** The last checkpoint written; it always names the current file once that file is opened. */
  private Checkpoint committed;

  private Instant lastCheckpoint;
  private Duration backoff = Duration.ZERO;
  private String lastError;
  private Instant lastErrorAt;
  private long lagBytes;

  public LogFileTailer(
      Settings settings,
      CheckpointStore checkpoints,
      AuditLineParser parser,
      BatchPublisher publisher,
      RejectedLineSink rejects,
      LogFileMetrics metrics,
      Clock clock,
      Sleeper sleeper) {
    this.settings = settings;
    this.activePath = settings.file().toAbsolutePath();
    this.checkpoints = checkpoints;
    this.parser = parser;
    this.publisher = publisher;
    this.rejects = rejects;
    this.metrics = metrics;
    this.clock = clock;
    this.sleeper = sleeper;
    Path checkpoint = checkpoints.path();
    this.rotatedFiles =
        new RotatedFiles(
            activePath,
            List.of(checkpoint, checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp")));
    this.status = new TailerStatus(State.STARTING, activePath.toString(), 0, 0, null, null, null);
  }

  /** Tails until {@link #stop} is called (or the thread is interrupted). */
  @Override
  public void run() {
    log.info("tailing the audit log {} (checkpoint {})", activePath, checkpoints.path());
    boolean failed = false;
    try {
      while (!stopping) {
        Duration pause;
        try {
          pause = step();
        } catch (IOException | UncheckedIOException e) {
          if (stopping) {
            break;
          }
          pause = retryLater("cannot read " + describeCurrent(), e);
          startOverFromCheckpoint();
        }
        if (!pause.isZero() && !stopping) {
          sleeper.sleep(pause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failed = true;
      log.error("the audit log tailer stopped on an unexpected error", e);
      lastError = e.toString();
      lastErrorAt = clock.instant();
      publishStatus(State.FAILED);
      throw e;
    } finally {
      closeCurrent();
      if (!failed) {
        publishStatus(State.STOPPED);
      }
    }
  }

  /** Asks {@link #run} to return; it does after the publish or wait in progress. */
  public void stop() {
    stopping = true;
  }

  public TailerStatus status() {
    return status;
  }

  /** One unit of work; returns how long to wait before the next. */
  Duration step() throws IOException {
    if (sealed != null) {
      return publishSealed();
    }
    if (!resumed) {
      resume();
      resumed = true;
    }
    if (current == null && !openActive()) {
      publishStatus(State.WAITING_FOR_FILE);
      return settings.pollInterval();
    }
    List<LogLine> lines = current.read(settings.maxBatch() - open.lines);
    for (LogLine line : lines) {
      take(line);
    }
    if (open.lines >= settings.maxBatch()) {
      return seal();
    }
    // at the end of the file for now
    if (open.lines > 0) {
      Duration age = Duration.between(open.started, clock.instant());
      if (age.compareTo(settings.maxWait()) >= 0) {
        return seal();
      }
      return min(settings.pollInterval(), settings.maxWait().minus(age));
    }
    return atEndOfFile();
  }

  // ---- reading ----

  private void take(LogLine line) {
    metrics.linesRead(1);
    if (open.lines == 0) {
      open.started = clock.instant();
      open.file = current;
    }
    open.lines++;
    open.end = line.end();
    if (line.isBlank()) {
      return;
    }
    if (line.tooLarge()) {
      reject(
          line,
          "line-too-large",
          "the line has "
              + (line.end() - line.offset())
              + " bytes, more than the limit of "
              + settings.maxLineBytes());
      return;
    }
    try {
      open.records.addAll(
          parser.parse(line.bytes(), current.path() + "@" + line.offset(), clock.instant()));
    } catch (InvalidEvidenceException e) {
      reject(line, e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      reject(line, "invalid-event", e.getClass().getSimpleName());
    }
  }

  /**
   * A line that is no audit event: counted, logged with where it is, handed to the {@link
   * RejectedLineSink} with the batch, and passed over. The line itself is never logged: it may hold
   * secrets that redaction did not get to.
   */
  private void reject(LogLine line, String reason, String message) {
    metrics.malformed(reason);
    String shown = "malformed-json".equals(reason) ? "not valid JSON" : message;
    log.warn(
        "skipping line at {} offset {} ({} bytes, {}): {} ({})",
        current.path(),
        line.offset(),
        line.end() - line.offset(),
        current.identity(),
        shown,
        reason);
    open.rejected.add(
        new RejectedLine(
            current.path(), current.identity(), line.offset(), line.bytes(), reason, message));
  }

  /** At the end of the file with nothing pending: follow rotation or wait for more. */
  private Duration atEndOfFile() throws IOException {
    if (!currentIsActive) {
      Optional<LogLine> last = current.rest();
      if (last.isPresent()) {
        take(last.get()); // a rotated file does not grow: its last line needs no newline
        return seal();
      }
      return moveOn();
    }
    Optional<FileIdentity.Stat> atPath = FileIdentity.stat(activePath);
    if (atPath.isEmpty()) {
      publishStatus(State.TAILING); // renamed and not yet recreated, or removed
      return settings.pollInterval();
    }
    if (!atPath.get().identity().equals(current.identity())) {
      log.info(
          "{} was rotated: finishing {} before going on to {}",
          activePath,
          current.identity(),
          atPath.get().identity());
      metrics.rotated("rename");
      currentIsActive = false;
      return Duration.ZERO; // read the renamed file once more before finishing it
    }
    current.seenModified(atPath.get().modified());
    boolean sameContent =
        !committed.file().equals(current.identity()) || current.startsWith(committed.head());
    if (current.shrunk() || !sameContent) {
      return truncated();
    }
    lagBytes = Math.max(0, current.size() - committed.offset());
    metrics.lag(lagBytes);
    publishStatus(State.TAILING);
    return settings.pollInterval();
  }

  /** The active file lost its content (copytruncate): read on from its copy, or start over. */
  private Duration truncated() throws IOException {
    metrics.rotated("truncate");
    long from = committed.offset();
    Optional<FileIdentity.Stat> copy =
        rotatedFiles.withHead(committed.head(), from, current.identity());
    TailedFile truncatedFile = current;
    if (copy.isPresent() && openRotated(copy.get(), from)) {
      log.info(
          "{} was truncated: reading on in its copy {} from offset {}",
          activePath,
          copy.get().path(),
          from);
      truncatedFile.close(); // the active file is opened afresh once the copy is finished
      return Duration.ZERO;
    }
    log.warn(
        "{} was truncated and no copy of it was found: lines written after offset {} before the"
            + " truncation are lost; starting again at its beginning",
        activePath,
        from);
    current.rewind();
    commit(current, 0);
    return Duration.ZERO;
  }

  /** The current file is finished: go on to the next rotated file, or to the active one. */
  private Duration moveOn() throws IOException {
    finished.add(current.identity());
    FileTime after = current.modified();
    closeCurrent();
    if (openNextRotated(after, Set.of())) {
      return Duration.ZERO;
    }
    return openActive() ? Duration.ZERO : settings.pollInterval();
  }

  /** Opens the oldest rotated file modified at or after {@code after} not yet finished. */
  private boolean openNextRotated(FileTime after, Set<FileIdentity> skip) throws IOException {
    Set<FileIdentity> done = new HashSet<>(finished);
    done.addAll(skip);
    FileIdentity.stat(activePath).ifPresent(active -> done.add(active.identity()));
    while (true) {
      Optional<FileIdentity.Stat> next = rotatedFiles.next(after, done);
      if (next.isEmpty()) {
        return false;
      }
      if (openRotated(next.get(), 0)) {
        log.info("reading the rotated file {} ({})", next.get().path(), next.get().identity());
        return true;
      }
      done.add(next.get().identity());
    }
  }

  private boolean openRotated(FileIdentity.Stat rotated, long offset) throws IOException {
    Optional<TailedFile> file = TailedFile.open(rotated.path(), offset, settings.maxLineBytes());
    if (file.isEmpty()) {
      metrics.fileMissed(); // gone since it was listed
      return false;
    }
    if (!file.get().identity().equals(rotated.identity())) {
      file.get().close();
      return false;
    }
    current = file.get();
    currentIsActive = false;
    commit(current, offset);
    publishStatus(State.CATCHING_UP);
    return true;
  }

  private boolean openActive() throws IOException {
    Optional<TailedFile> file = TailedFile.open(activePath, 0, settings.maxLineBytes());
    if (file.isEmpty()) {
      return false;
    }
    current = file.get();
    currentIsActive = true;
    finished.clear();
    commit(current, 0);
    publishStatus(State.TAILING);
    return true;
  }

  // ---- resuming ----

  /** Finds where the checkpoint says to go on: the active file, or a rotated one. */
  private void resume() throws IOException {
    Optional<Checkpoint> saved = checkpoints.load();
    finished.clear();
    if (saved.isEmpty()) {
      log.info("no checkpoint yet: starting at the beginning of {}", activePath);
      committed = null;
      return; // step() opens the active file once it exists
    }
    Checkpoint checkpoint = saved.get();
    committed = checkpoint;
    metrics.checkpoint(checkpoint.offset());
    Optional<FileIdentity.Stat> active = FileIdentity.stat(activePath);
    if (active.isPresent() && active.get().identity().equals(checkpoint.file())) {
      Optional<TailedFile> file =
          TailedFile.open(activePath, checkpoint.offset(), settings.maxLineBytes());
      if (file.isPresent() && isCheckpointed(file.get(), checkpoint)) {
        current = file.get();
        currentIsActive = true;
        log.info("resuming {} at offset {}", activePath, checkpoint.offset());
        publishStatus(State.TAILING);
        return;
      }
      if (file.isPresent()) {
        file.get().close();
      }
      // the same inode with other content: truncated while we were away, or reused
    }
    FileIdentity except = active.map(FileIdentity.Stat::identity).orElse(null);
    Optional<FileIdentity.Stat> rotated = rotatedFiles.withIdentity(checkpoint.file());
    if (rotated.isPresent() && !startsLike(rotated.get(), checkpoint)) {
      rotated = Optional.empty();
    }
    if (rotated.isEmpty()) {
      rotated = rotatedFiles.withHead(checkpoint.head(), checkpoint.offset(), except);
    }
    if (rotated.isPresent() && openRotated(rotated.get(), checkpoint.offset())) {
      log.info(
          "resuming the rotated file {} ({}) at offset {}",
          rotated.get().path(),
          checkpoint.file(),
          checkpoint.offset());
      return;
    }
    log.warn(
        "the checkpointed file {} ({}) is gone: lines after offset {} that were not yet"
            + " published are lost; going on with the files rotated after it",
        checkpoint.path(),
        checkpoint.file(),
        checkpoint.offset());
    metrics.fileMissed();
    openNextRotated(checkpoint.modified(), Set.of(checkpoint.file()));
    // otherwise step() opens the active file
  }

  private static boolean isCheckpointed(TailedFile file, Checkpoint checkpoint) throws IOException {
    return file.identity().equals(checkpoint.file())
        && file.size() >= checkpoint.offset()
        && file.startsWith(checkpoint.head());
  }

  private static boolean startsLike(FileIdentity.Stat rotated, Checkpoint checkpoint) {
    try {
      return rotated.size() >= checkpoint.offset() && checkpoint.head().matches(rotated.path());
    } catch (IOException e) {
      return false;
    }
  }

  /** After a read failure: drop what is not acknowledged and go back to the checkpoint. */
  private void startOverFromCheckpoint() {
    closeCurrent();
    open = new Batch();
    resumed = false;
  }

  // ---- publishing ----

  private Duration seal() {
    sealed = open;
    open = new Batch();
    return publishSealed();
  }

  private Duration publishSealed() {
    Batch batch = sealed;
    if (!batch.published) {
      try {
        if (!batch.rejectsDelivered) {
          batch.rejected.forEach(rejects::reject);
          batch.rejectsDelivered = true;
        }
        if (!batch.records.isEmpty()) {
          publisher.publish(batch.records);
        }
      } catch (RuntimeException e) {
        metrics.publishFailed();
        return retryLater(
            "Kafka did not acknowledge "
                + batch.records.size()
                + " event(s) from "
                + batch.file.path()
                + " before offset "
                + batch.end,
            e);
      }
      batch.published = true;
      metrics.eventsPublished(batch.records.size());
    }
    try {
      commit(batch.file, batch.end);
    } catch (IOException | UncheckedIOException e) {
      return retryLater("cannot write the checkpoint " + checkpoints.path(), e);
    }
    sealed = null;
    backoff = Duration.ZERO;
    return Duration.ZERO;
  }

  /** Makes {@code offset} of {@code file} the durable checkpoint. */
  private void commit(TailedFile file, long offset) throws IOException {
    Checkpoint checkpoint =
        new Checkpoint(file.path(), file.identity(), offset, file.head(offset), file.modified());
    checkpoints.save(checkpoint);
    committed = checkpoint;
    lastCheckpoint = clock.instant();
    metrics.checkpoint(offset);
    lagBytes = Math.max(0, file.size() - offset);
    metrics.lag(lagBytes);
    publishStatus(currentIsActive ? State.TAILING : State.CATCHING_UP);
  }

  private Duration retryLater(String what, Exception e) {
    backoff =
        backoff.isZero()
            ? min(FIRST_BACKOFF, settings.maxBackoff())
            : min(backoff.multipliedBy(2), settings.maxBackoff());
    lastError = what + ": " + e.getMessage();
    lastErrorAt = clock.instant();
    log.warn("{}; trying again in {} ms", lastError, backoff.toMillis());
    publishStatus(State.RETRYING);
    return backoff;
  }

  // ---- bookkeeping ----

  private void publishStatus(State state) {
    String file = current != null ? current.path().toString() : activePath.toString();
    status =
        new TailerStatus(
            state,
            file,
            committed == null ? 0 : committed.offset(),
            lagBytes,
            lastCheckpoint,
            lastError,
            lastErrorAt);
  }

  private String describeCurrent() {
    return current == null ? activePath.toString() : current.toString();
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        log.debug("closing {} failed", current, e);
      }
      current = null;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Lines of one file read since the last checkpoint, and what became of them. */
  private static final class Batch {
    final List<Evidence<AuditEvent>> records = new ArrayList<>();
    final List<RejectedLine> rejected = new ArrayList<>();
    TailedFile file;
    int lines;
    long end;
    Instant started;
    boolean rejectsDelivered;
    boolean published;
  }

  /**
   * @param file the audit log, as {@code --audit-log-path} names it
   * @param pollInterval how often to look for new lines and rotation at the end of the file
   * @param maxBatch the most lines per batch
   * @param maxWait how long a batch waits to fill before it is published anyway
   * @param maxLineBytes longer lines are skipped as {@code line-too-large}
   * @param maxBackoff the longest wait between attempts while Kafka does not acknowledge
   */
  public record Settings(
      Path file,
      Duration pollInterval,
      int maxBatch,
      Duration maxWait,
      int maxLineBytes,
      Duration maxBackoff) {

    public Settings {
      Objects.requireNonNull(file, "file");
      requirePositive(pollInterval, "pollInterval");
      requirePositive(maxBackoff, "maxBackoff");
      Objects.requireNonNull(maxWait, "maxWait");
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
      }
      if (maxBatch < 1) {
        throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
      }
      if (maxLineBytes < 1) {
        throw new IllegalArgumentException("maxLineBytes must be at least 1: " + maxLineBytes);
      }
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
    }
  }
}
