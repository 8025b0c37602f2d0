package io.palisade.correlation.api;

import io.palisade.avro.IncidentAction;

/** Where analysts' actions go: the actions topic, which the correlate stage reads. */
public interface ActionPublisher {

  /**
   * Writes the action, keyed by its cluster, and returns once Kafka acknowledged it.
   *
   * @throws ApiException 503 when it could not be written in time
   */
  void publish(IncidentAction action);
}
