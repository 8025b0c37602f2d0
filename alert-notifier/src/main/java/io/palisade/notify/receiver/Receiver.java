package io.palisade.notify.receiver;

import io.palisade.avro.Incident;

/**
 * One kind of destination for incidents (a generic webhook today; Slack, Teams, PagerDuty, …
 * later). An implementation builds its payload with a pure function and sends it through the shared
 * {@link ReceiverHttpClient}, which classifies the answer; it never retries by itself: the delivery
 * loop owns retries, backoff and the delivery log.
 */
public interface Receiver {

  /**
   * The instance's stable name, written to the delivery log and to metrics and named by routes,
   * e.g. {@code "webhook"} or {@code "slack-soc"} (see {@link ReceiverId}).
   */
  String name();

  /** The receiver type, e.g. {@code "slack"}: its default rate limit is that of its kind. */
  String kind();

  /**
   * One attempt to deliver one incident version. Delivery failures are results, not exceptions.
   *
   * @throws InterruptedException when the service is shutting down during the attempt
   */
  DeliveryResult deliver(Incident incident) throws InterruptedException;
}
