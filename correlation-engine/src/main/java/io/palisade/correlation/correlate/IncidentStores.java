package io.palisade.correlation.correlate;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The correlation stores as both processors of the incident sub-topology (signals and analyst
 * actions) use them, and the emission of an incident version with its CloudEvents headers.
 */
final class IncidentStores {

  final CorrelationSettings settings;
  final KeyValueStore<String, IncidentState> incidents;
  final EntityIndex entityIndex;
  final WindowStore<String, String> seenSignals;
  final KeyValueStore<String, Long> suppressions;

  private final ProcessorContext<String, Incident> context;
  private final String service;
  private final String eventType;

  IncidentStores(
      ProcessorContext<String, Incident> context,
      CorrelationSettings settings,
      String service,
      String eventType) {
    this.context = context;
    this.settings = settings;
    this.service = service;
    this.eventType = eventType;
    this.incidents = context.getStateStore(IncidentTopology.INCIDENT_STORE);
    this.entityIndex =
        new EntityIndex(
            context.getStateStore(IncidentTopology.ENTITY_INDEX_STORE), settings.window());
    this.seenSignals = context.getStateStore(IncidentTopology.SEEN_SIGNALS_STORE);
    this.suppressions = context.getStateStore(IncidentTopology.SUPPRESSION_STORE);
  }

  Instant wallClock() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }

  /** A counter in the task's metrics ({@code <operation>-total} and {@code -rate}). */
  Sensor counter(String operation) {
    return context
        .metrics()
        .addRateTotalSensor(
            "palisade-correlation",
            context.taskId().toString(),
            operation,
            Sensor.RecordingLevel.INFO);
  }

  void removeCounter(Sensor sensor) {
    context.metrics().removeSensor(sensor);
  }

  void put(IncidentState state) {
    incidents.put(StoreKeys.incident(state.cluster(), state.id()), state);
  }

  void delete(IncidentState state) {
    incidents.delete(StoreKeys.incident(state.cluster(), state.id()));
  }

  IncidentState get(String cluster, String incidentId) {
    return incidents.get(StoreKeys.incident(cluster, incidentId));
  }

  /** Emits the state as its version, status as stored unless {@code status} says MERGED. */
  void emit(IncidentState state, IncidentStatus status, String mergedInto, Instant eventTime) {
    Instant now = wallClock();
    Incident incident = state.toIncident(status, mergedInto, eventTime, now, settings.storylines());
    Headers headers = new RecordHeaders();
    CloudEventHeaders.write(
        headers,
        new CloudEvent(
            incident.getId() + "/" + incident.getVersion(),
            CloudEvent.sourceOf(service, incident.getCluster()),
            eventType,
            eventTime,
            incident.getId()));
    context.forward(new Record<>(incident.getId(), incident, now.toEpochMilli(), headers));
  }

  void emit(IncidentState state, Instant eventTime) {
    emit(state, state.status(), null, eventTime);
  }
}
