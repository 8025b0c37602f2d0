package io.palisade.audit.logfile;

import java.time.Duration;

/** How the tailer waits between polls and retries; tests substitute one that does not sleep. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;
}
