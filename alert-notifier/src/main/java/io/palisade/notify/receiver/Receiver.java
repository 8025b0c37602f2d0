package io.palisade.notify.receiver;

import io.palisade.avro.Incident;

/**
 * One kind of destination for incidents (a generic webhook today; Slack, Teams, PagerDuty, …
 * later). An implementation builds its payload with a pure function and sends it through the shared
 * {@link ReceiverHttpClient}, which classifies the answer; it never retries by itself: the delivery
 * loop owns retries, backoff and the delivery log.
 */
public interface Receiver {

  /** The stable name written to the delivery log and to metrics, e.g. {@code "webhook"}. */
  String name();

  /**
   * One attempt to deliver one incident version. Delivery failures are results, not exceptions.
   *
   * @throws InterruptedException when the service is shutting down during the attempt
   */
  DeliveryResult deliver(Incident incident) throws InterruptedException;
}
