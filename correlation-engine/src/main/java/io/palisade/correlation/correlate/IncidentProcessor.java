package io.palisade.correlation.correlate;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Links each signal into the incident graph of its cluster.
 *
 * <ol>
 *   <li>A signal id already seen (within the retention) is ignored.
 *   <li>The entity index gives the incidents that hold one of the signal's linking entities (actor,
 *       service account, pod) within the window of the signal's event time.
 *   <li>None: a new incident, its id derived from the signal id (replays give the same id). One:
 *       the signal joins it. Several: the oldest survives and absorbs the others, which are emitted
 *       once more as MERGED into the survivor and leave the stores.
 *   <li>Every change is emitted whole with version + 1 and CloudEvents headers.
 * </ol>
 *
 * <p>The incident store holds only open incidents. Resolution after inactivity (by stream time and
 * wall-clock time, DESIGN.md) fits as a punctuator scheduled in {@link #init} that scans it.
 */
final class IncidentProcessor implements Processor<String, Signal, String, Incident> {

  private final CorrelationSettings settings;
  private final String service;
  private final String eventType;

  private ProcessorContext<String, Incident> context;
  private KeyValueStore<String, IncidentState> incidents;
  private WindowStore<String, String> entityIndex;
  private WindowStore<String, String> seenSignals;

  IncidentProcessor(CorrelationSettings settings, String service, String eventType) {
    this.settings = settings;
    this.service = service;
    this.eventType = eventType;
  }

  @Override
  public void init(ProcessorContext<String, Incident> context) {
    this.context = context;
    this.incidents = context.getStateStore(IncidentTopology.INCIDENT_STORE);
    this.entityIndex = context.getStateStore(IncidentTopology.ENTITY_INDEX_STORE);
    this.seenSignals = context.getStateStore(IncidentTopology.SEEN_SIGNALS_STORE);
  }

  /**
   * Whether a signal takes part in incidents. {@code INFO} (and {@code UNKNOWN}) signals record
   * activity, such as "an object was created" for every write: they stay on the signals topic for
   * hunting, but linking them would join everything one user does into one incident and bury the
   * findings that matter.
   */
  static boolean isEvidence(Signal signal) {
    return signal.getSeverity() != Severity.INFO && signal.getSeverity() != Severity.UNKNOWN;
  }

  @Override
  public void process(Record<String, Signal> record) {
    Signal signal = record.value();
    if (signal == null || !isEvidence(signal)) {
      return;
    }
    String cluster = signal.getCluster();
    long time = signal.getEventTime().toEpochMilli();
    String seenKey = StoreKeys.signal(cluster, signal.getId());
    if (seen(seenKey, time)) {
      return;
    }
    List<EntityRef> linking =
        signal.getEntities().stream()
            .map(EntityRef::of)
            .filter(entity -> settings.linkingKinds().contains(entity.kind()))
            .distinct()
            .toList();
    List<IncidentState> linked = linkedIncidents(cluster, linking, time);
    int limit = settings.timelineLimit();
    IncidentState incident;
    List<IncidentState> absorbed = List.of();
    if (linked.isEmpty()) {
      incident = IncidentState.open(incidentIdFor(signal), signal, limit);
    } else {
      incident = linked.get(0);
      absorbed = linked.subList(1, linked.size());
      for (IncidentState other : absorbed) {
        incident = incident.absorb(other, limit);
      }
      incident = incident.add(signal, limit);
    }
    incident = incident.nextVersion();

    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    incidents.put(StoreKeys.incident(cluster, incident.id()), incident);
    emit(incident, IncidentStatus.OPEN, null, incident.lastSeen(), now);
    for (IncidentState other : absorbed) {
      Instant changedAt =
          other.lastSeen().isAfter(signal.getEventTime())
              ? other.lastSeen()
              : signal.getEventTime();
      emit(other.nextVersion(), IncidentStatus.MERGED, incident.id(), changedAt, now);
      incidents.delete(StoreKeys.incident(cluster, other.id()));
      reindex(other, incident.id());
    }
    for (EntityRef entity : linking) {
      entityIndex.put(StoreKeys.entity(cluster, entity), incident.id(), time);
    }
    seenSignals.put(seenKey, incident.id(), time);
  }

  /** The same id for the same first signal, so that an exactly-once replay reproduces it. */
  static String incidentIdFor(Signal firstSignal) {
    return UUID.nameUUIDFromBytes(
            ("palisade-incident/" + firstSignal.getId()).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private boolean seen(String seenKey, long time) {
    long retention = settings.retention().toMillis();
    try (WindowStoreIterator<String> hits =
        seenSignals.fetch(seenKey, Math.max(0, time - retention), time + retention)) {
      return hits.hasNext();
    }
  }

  /** The open incidents sharing a linking entity within the window, oldest first. */
  private List<IncidentState> linkedIncidents(String cluster, List<EntityRef> linking, long time) {
    long window = settings.window().toMillis();
    Set<String> ids = new LinkedHashSet<>();
    for (EntityRef entity : linking) {
      try (WindowStoreIterator<String> hits =
          entityIndex.fetch(
              StoreKeys.entity(cluster, entity), Math.max(0, time - window), time + window)) {
        hits.forEachRemaining(hit -> ids.add(hit.value));
      }
    }
    return ids.stream()
        .map(id -> incidents.get(StoreKeys.incident(cluster, id)))
        .filter(Objects::nonNull)
        .sorted(IncidentState.OLDEST_FIRST)
        .toList();
  }

  /** Points the absorbed incident's entity occurrences at the survivor. */
  private void reindex(IncidentState absorbed, String survivorId) {
    long from = absorbed.firstSeen().toEpochMilli();
    long to = absorbed.lastSeen().toEpochMilli();
    for (EntityRef entity : absorbed.entitiesOf(settings.linkingKinds())) {
      String key = StoreKeys.entity(absorbed.cluster(), entity);
      List<Long> times = new ArrayList<>();
      try (WindowStoreIterator<String> hits = entityIndex.fetch(key, from, to)) {
        while (hits.hasNext()) {
          KeyValue<Long, String> hit = hits.next();
          if (absorbed.id().equals(hit.value)) {
            times.add(hit.key);
          }
        }
      }
      times.forEach(occurredAt -> entityIndex.put(key, survivorId, occurredAt));
    }
  }

  private void emit(
      IncidentState state,
      IncidentStatus status,
      String mergedInto,
      Instant eventTime,
      Instant ingestTime) {
    Incident incident = state.toIncident(status, mergedInto, eventTime, ingestTime);
    Headers headers = new RecordHeaders();
    CloudEventHeaders.write(
        headers,
        new CloudEvent(
            incident.getId() + "/" + incident.getVersion(),
            CloudEvent.sourceOf(service, incident.getCluster()),
            eventType,
            eventTime,
            incident.getId()));
    context.forward(new Record<>(incident.getId(), incident, ingestTime.toEpochMilli(), headers));
  }
}
