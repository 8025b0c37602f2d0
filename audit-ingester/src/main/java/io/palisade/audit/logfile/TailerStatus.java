package io.palisade.audit.logfile;

import java.time.Instant;

/**
 * What the tailer is doing, for the health endpoint: a snapshot, replaced as a whole.
 *
 * @param state what it is doing
 * @param file the file being read (or waited for)
 * @param checkpointOffset the acknowledged offset in that file
 * @param lagBytes bytes of that file read or not, but not yet acknowledged, as of the last look
 * @param lastCheckpoint when the checkpoint was last written; null before the first
 * @param lastError the last failure, null if there was none; kept after recovery, for diagnosis
 * @param lastErrorAt when it happened
 */
public record TailerStatus(
    State state,
    String file,
    long checkpointOffset,
    long lagBytes,
    Instant lastCheckpoint,
    String lastError,
    Instant lastErrorAt) {

  /** The tailer's states; {@link #RETRYING} and {@link #FAILED} are unhealthy. */
  public enum State {
    /** Not yet started, or reading the checkpoint. */
    STARTING,
    /** The log file does not exist (yet). */
    WAITING_FOR_FILE,
    /** Following the active log file. */
    TAILING,
    /** Finishing a rotated file before going on to the newer ones. */
    CATCHING_UP,
    /** Kafka (or the checkpoint file, or the log file) failed; the same work is retried. */
    RETRYING,
    /** Stopped on request. */
    STOPPED,
    /** Ended by an unexpected error; it does not run again until restarted. */
    FAILED
  }

  public boolean healthy() {
    return state != State.RETRYING && state != State.FAILED;
  }
}
