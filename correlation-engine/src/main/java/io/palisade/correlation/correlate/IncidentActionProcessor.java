package io.palisade.correlation.correlate;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.IncidentResolution;
import java.time.Instant;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies analysts' actions ({@code palisade.incident-actions.v1}, keyed by cluster like the
 * signals, so an action reaches the task holding its incident) to the incident store that the
 * signal processor keeps:
 *
 * <ul>
 *   <li>ACKNOWLEDGE: acknowledgedBy = the actor, acknowledgedAt = the action's time;
 *   <li>ASSIGN: assignee (null unassigns);
 *   <li>RESOLVE: RESOLVED, resolution ANALYST;
 *   <li>FALSE_POSITIVE: RESOLVED, resolution FALSE_POSITIVE (new evidence does not reopen it); with
 *       {@code suppressForMillis}, signals of the incident's rules on its linking entities are
 *       suppressed until the action's time plus that long;
 *   <li>REOPEN: a resolved incident is OPEN again, {@code reopened} + 1.
 * </ul>
 *
 * Each applied action emits the incident with version + 1. An action id already applied is ignored;
 * an action for an incident the store does not hold (unknown, merged away, or resolved longer ago
 * than the reopen window) is logged and counted as {@code unknown-incident-actions}; one that does
 * not apply (REOPEN of an open incident, an unknown type) as {@code ignored-incident-actions}.
 * Neither stops the stream.
 */
final class IncidentActionProcessor implements Processor<String, IncidentAction, String, Incident> {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentActionProcessor.class);

  private final CorrelationSettings settings;
  private final String service;
  private final String eventType;

  private IncidentStores stores;
  private Sensor unknownIncident;
  private Sensor ignored;

  IncidentActionProcessor(CorrelationSettings settings, String service, String eventType) {
    this.settings = settings;
    this.service = service;
    this.eventType = eventType;
  }

  @Override
  public void init(ProcessorContext<String, Incident> context) {
    this.stores = new IncidentStores(context, settings, service, eventType);
    this.unknownIncident = stores.counter("unknown-incident-actions");
    this.ignored = stores.counter("ignored-incident-actions");
  }

  @Override
  public void close() {
    if (unknownIncident != null) {
      stores.removeCounter(unknownIncident);
      stores.removeCounter(ignored);
    }
  }

  @Override
  public void process(Record<String, IncidentAction> record) {
    IncidentAction action = record.value();
    if (action == null || action.getIncidentId() == null || action.getCluster() == null) {
      LOG.warn("incident action without cluster or incident id ignored: {}", action);
      ignored.record();
      return;
    }
    IncidentState state = stores.get(action.getCluster(), action.getIncidentId());
    if (state == null) {
      LOG.warn(
          "incident action {} ({} by {}) for incident {} of cluster {} ignored: no such incident"
              + " is held (unknown, merged, or resolved longer ago than the reopen window)",
          action.getId(),
          action.getType(),
          action.getActor(),
          action.getIncidentId(),
          action.getCluster());
      unknownIncident.record();
      return;
    }
    if (state.lifecycle().appliedActions().contains(action.getId())) {
      LOG.debug("incident action {} already applied", action.getId());
      return;
    }
    Instant at = action.getTime();
    Instant wall = stores.wallClock();
    Lifecycle lifecycle = state.lifecycle();
    IncidentState changed =
        switch (action.getType()) {
          case ACKNOWLEDGE ->
              state.with(state.status(), lifecycle.acknowledged(action.getActor(), at));
          case ASSIGN -> state.with(state.status(), lifecycle.assigned(action.getAssignee()));
          case RESOLVE -> state.resolved(IncidentResolution.ANALYST, at, wall);
          case FALSE_POSITIVE -> {
            suppress(state, action);
            yield state.resolved(IncidentResolution.FALSE_POSITIVE, at, wall);
          }
          case REOPEN -> state.isOpen() ? null : state.reopened(at, wall);
          default -> null;
        };
    if (changed == null) {
      LOG.info(
          "incident action {} ({}) does not apply to incident {} ({}): ignored",
          action.getId(),
          action.getType(),
          state.id(),
          state.status());
      ignored.record();
      return;
    }
    changed =
        changed.with(changed.status(), changed.lifecycle().applied(action.getId())).nextVersion();
    if (!changed.isOpen() && settings.reopenWindow().isZero()) {
      stores.delete(changed);
    } else {
      stores.put(changed);
    }
    stores.emit(changed, at);
  }

  /** Suppresses the incident's rules on its linking entities until the action's time + period. */
  private void suppress(IncidentState state, IncidentAction action) {
    Long period = action.getSuppressForMillis();
    if (period == null || period <= 0) {
      return;
    }
    long until = action.getTime().toEpochMilli() + period;
    for (String rule : state.ruleCounts().keySet()) {
      for (EntityRef entity : state.entitiesOf(settings.linkingKinds())) {
        String key = StoreKeys.suppression(state.cluster(), rule, entity);
        Long kept = stores.suppressions.get(key);
        stores.suppressions.put(key, kept == null ? until : Math.max(kept, until));
      }
    }
  }
}
