package io.palisade.audit.logfile;

/**
 * Where malformed lines go besides the counter and the log: the hook for dead-lettering. It is
 * called on the tailer's thread before the checkpoint passes the line, so an implementation that
 * returns only once the line is stored (e.g. acknowledged on a dead-letter topic) loses none; an
 * exception it throws is retried like a failed publish.
 */
@FunctionalInterface
public interface RejectedLineSink {

  /** Keeps nothing: the line is only counted and logged. */
  RejectedLineSink NONE = line -> {};

  void reject(RejectedLine line);
}
