package io.palisade.correlation.correlate;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentResolution;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links each signal into the incident graph of its cluster, and resolves quiet incidents.
 *
 * <ol>
 *   <li>A signal id already seen (within the retention) is ignored; a signal of a rule that an
 *       analyst marked false positive on one of its linking entities is suppressed until then
 *       (counted as {@code suppressed-signals}).
 *   <li>The entity index gives the incidents that hold one of the signal's linking entities: open
 *       ones with an occurrence within the window of the signal's event time, and resolved ones
 *       (not false positives) whose resolution is at most the reopen window before it.
 *   <li>None: a new incident, its id derived from the signal id (replays give the same id). One:
 *       the signal joins it (reopening it when resolved). Several: the oldest survives and absorbs
 *       the others, which are emitted once more as MERGED into the survivor and leave the stores.
 *   <li>Every change is emitted whole with version + 1 and CloudEvents headers.
 * </ol>
 *
 * <p>A sweep scheduled on stream time and on wall-clock time (a quiet cluster advances no stream
 * time) resolves open incidents without evidence for the inactivity period (RESOLVED, resolution
 * INACTIVITY), removes resolved incidents once their reopen window has passed and expired
 * suppressions.
 */
final class IncidentProcessor implements Processor<String, Signal, String, Incident> {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);

  private final CorrelationSettings settings;
  private final String service;
  private final String eventType;

  private IncidentStores stores;
  private Sensor suppressedSignals;

  IncidentProcessor(CorrelationSettings settings, String service, String eventType) {
    this.settings = settings;
    this.service = service;
    this.eventType = eventType;
  }

  @Override
  public void init(ProcessorContext<String, Incident> context) {
    this.stores = new IncidentStores(context, settings, service, eventType);
    this.suppressedSignals = stores.counter("suppressed-signals");
    Duration interval = sweepInterval(settings);
    context.schedule(
        interval, PunctuationType.STREAM_TIME, time -> sweep(Instant.ofEpochMilli(time), null));
    context.schedule(
        interval, PunctuationType.WALL_CLOCK_TIME, time -> sweep(null, Instant.ofEpochMilli(time)));
  }

  @Override
  public void close() {
    if (suppressedSignals != null) {
      stores.removeCounter(suppressedSignals);
    }
  }

  /** An eighth of the inactivity period, between one second and one minute. */
  static Duration sweepInterval(CorrelationSettings settings) {
    Duration eighth = settings.inactivity().dividedBy(8);
    Duration second = Duration.ofSeconds(1);
    Duration minute = Duration.ofMinutes(1);
    return eighth.compareTo(second) < 0 ? second : eighth.compareTo(minute) > 0 ? minute : eighth;
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
    if (suppressed(cluster, signal.getRuleId(), linking, time)) {
      LOG.debug(
          "signal {} of rule {} suppressed (marked false positive)",
          signal.getId(),
          signal.getRuleId());
      suppressedSignals.record();
      stores.seenSignals.put(seenKey, "", time);
      return;
    }
    Instant wall = stores.wallClock();
    List<IncidentState> linked = linkedIncidents(cluster, linking, time);
    IncidentState incident;
    List<IncidentState> absorbed = List.of();
    if (linked.isEmpty()) {
      incident = IncidentState.open(incidentIdFor(signal), signal, settings, wall);
    } else {
      incident = linked.get(0);
      if (!incident.isOpen()) {
        incident = incident.reopened(signal.getEventTime(), wall);
      }
      absorbed = linked.subList(1, linked.size());
      for (IncidentState other : absorbed) {
        incident = incident.absorb(other, settings);
      }
      incident = incident.add(signal, settings, wall);
    }
    incident = incident.nextVersion();

    stores.put(incident);
    stores.emit(incident, incident.lastSeen());
    for (IncidentState other : absorbed) {
      Instant changedAt =
          other.lastSeen().isAfter(signal.getEventTime())
              ? other.lastSeen()
              : signal.getEventTime();
      stores.emit(other.nextVersion(), IncidentStatus.MERGED, incident.id(), changedAt);
      stores.delete(other);
      reindex(other, incident.id());
    }
    for (EntityRef entity : linking) {
      stores.entityIndex.put(StoreKeys.entity(cluster, entity), incident.id(), time);
    }
    stores.seenSignals.put(seenKey, incident.id(), time);
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
        stores.seenSignals.fetch(seenKey, Math.max(0, time - retention), time + retention)) {
      return hits.hasNext();
    }
  }

  private boolean suppressed(String cluster, String ruleId, List<EntityRef> linking, long time) {
    for (EntityRef entity : linking) {
      Long until = stores.suppressions.get(StoreKeys.suppression(cluster, ruleId, entity));
      if (until != null && time <= until) {
        return true;
      }
    }
    return false;
  }

  /**
   * The incidents the signal links to, oldest first: open ones sharing a linking entity within the
   * window, resolved ones (not false positives) sharing one whose reopen window is still running.
   */
  private List<IncidentState> linkedIncidents(String cluster, List<EntityRef> linking, long time) {
    long window = settings.window().toMillis();
    long lookBack = settings.lookBack().toMillis();
    Map<String, IncidentState> states = new HashMap<>();
    Map<String, IncidentState> linked = new LinkedHashMap<>();
    for (EntityRef entity : linking) {
      for (EntityIndex.Occurrences occurrences :
          stores.entityIndex.fetch(
              StoreKeys.entity(cluster, entity), time - lookBack, time + window)) {
        String id = occurrences.incidentId();
        if (linked.containsKey(id)) {
          continue;
        }
        IncidentState state = states.computeIfAbsent(id, key -> stores.get(cluster, key));
        if (state != null
            && (state.isOpen() ? occurrences.within(time, window) : reopenable(state, time))) {
          linked.put(id, state);
        }
      }
    }
    List<IncidentState> oldestFirst = new ArrayList<>(linked.values());
    oldestFirst.sort(IncidentState.OLDEST_FIRST);
    return oldestFirst;
  }

  private boolean reopenable(IncidentState state, long time) {
    Lifecycle lifecycle = state.lifecycle();
    return !settings.reopenWindow().isZero()
        && lifecycle.resolution() != IncidentResolution.FALSE_POSITIVE
        && lifecycle.resolvedAt() != null
        && time <= lifecycle.resolvedAt().plus(settings.reopenWindow()).toEpochMilli();
  }

  /** Points the absorbed incident's entity occurrences at the survivor. */
  private void reindex(IncidentState absorbed, String survivorId) {
    long from = absorbed.firstSeen().toEpochMilli();
    long to = absorbed.lastSeen().toEpochMilli();
    for (EntityRef entity : absorbed.entitiesOf(settings.linkingKinds())) {
      stores.entityIndex.reassign(
          StoreKeys.entity(absorbed.cluster(), entity), absorbed.id(), survivorId, from, to);
    }
  }

  /**
   * Resolves open incidents quiet for the inactivity period and forgets resolved ones whose reopen
   * window has passed. Exactly one of the times is given: stream time (event time of the task) or
   * wall-clock time.
   */
  void sweep(Instant streamTime, Instant wallTime) {
    Duration inactivity = settings.inactivity();
    Duration reopenWindow = settings.reopenWindow();
    List<IncidentState> quiet = new ArrayList<>();
    List<IncidentState> expired = new ArrayList<>();
    try (KeyValueIterator<String, IncidentState> all = stores.incidents.all()) {
      while (all.hasNext()) {
        IncidentState state = all.next().value;
        Lifecycle lifecycle = state.lifecycle();
        if (state.isOpen()) {
          if (reached(streamTime, lifecycle.quietSince(), inactivity)
              || reached(wallTime, lifecycle.lastWallActivity(), inactivity)) {
            quiet.add(state);
          }
        } else if (reached(streamTime, lifecycle.resolvedAt(), reopenWindow)
            || reached(wallTime, lifecycle.resolvedWall(), reopenWindow)) {
          expired.add(state);
        }
      }
    }
    Instant now = stores.wallClock();
    for (IncidentState state : quiet) {
      Instant resolvedAt = state.lifecycle().quietSince().plus(inactivity);
      IncidentState resolved =
          state.resolved(IncidentResolution.INACTIVITY, resolvedAt, now).nextVersion();
      if (reopenWindow.isZero()) {
        stores.delete(resolved);
      } else {
        stores.put(resolved);
      }
      stores.emit(resolved, resolvedAt);
    }
    expired.forEach(stores::delete);
    sweepSuppressions(streamTime, wallTime);
  }

  private void sweepSuppressions(Instant streamTime, Instant wallTime) {
    long now = streamTime != null ? streamTime.toEpochMilli() : wallTime.toEpochMilli();
    List<String> over = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = stores.suppressions.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> entry = all.next();
        if (entry.value < now) {
          over.add(entry.key);
        }
      }
    }
    over.forEach(stores.suppressions::delete);
  }

  private static boolean reached(Instant now, Instant since, Duration period) {
    return now != null && since != null && !now.isBefore(since.plus(period));
  }
}
