package io.palisade.audit.logfile;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link LogFileTailer} on a thread of its own while the application runs. Stopping asks
 * the tailer to return, cuts its wait short and waits for the thread (a publish in progress
 * finishes first, bounded by the Kafka acknowledgement timeout). Whatever was not acknowledged by
 * then is read again from the checkpoint at the next start.
 */
public final class LogFileTailerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LogFileTailerLifecycle.class);

  private final LogFileTailer tailer;
  private final WakeableSleeper sleeper;
  private final Duration stopTimeout;
  private Thread thread;

  /**
   * @param sleeper the sleeper the tailer waits with
   * @param stopTimeout how long {@link #stop()} waits for the thread to end
   */
  public LogFileTailerLifecycle(
      LogFileTailer tailer, WakeableSleeper sleeper, Duration stopTimeout) {
    this.tailer = tailer;
    this.sleeper = sleeper;
    this.stopTimeout = stopTimeout;
  }

  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(tailer, "palisade-audit-log-tailer");
    thread.setDaemon(true); // never keeps a JVM alive; stop() is what ends it
    thread.start();
  }

  @Override
  public synchronized void stop() {
    if (thread == null) {
      return;
    }
    tailer.stop();
    sleeper.wake();
    try {
      thread.join(stopTimeout.toMillis());
      if (thread.isAlive()) {
        log.warn("the audit log tailer did not stop within {}; interrupting it", stopTimeout);
        thread.interrupt();
        thread.join(stopTimeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
