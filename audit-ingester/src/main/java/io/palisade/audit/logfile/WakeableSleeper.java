package io.palisade.audit.logfile;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sleeps for real, except that after {@link #wake} no sleep lasts: how a stop cuts a wait short.
 */
public final class WakeableSleeper implements Sleeper {

  private final CountDownLatch woken = new CountDownLatch(1);

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    woken.await(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Ends the current sleep and every later one at once. */
  public void wake() {
    woken.countDown();
  }
}
