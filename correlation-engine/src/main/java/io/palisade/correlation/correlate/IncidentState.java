package io.palisade.correlation.correlate;

import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentResolution;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One incident as the correlation store keeps it (OPEN, or RESOLVED within its reopen window):
 * everything needed to emit the next version of the {@link Incident} record, including what the
 * record itself does not carry (the most severe signal even when it fell off the bounded timeline,
 * when each tactic was first seen, storyline progress, lifecycle). Immutable; every change returns
 * a new state. Bounded whatever the number of signals: the timeline is capped, signals beyond it
 * are summarised by {@code ruleCounts}, entities and techniques are capped at {@value
 * #MAX_ENTITIES}.
 *
 * <p>Sets (tactics, techniques, sources, entities) are kept sorted so that the emitted incident
 * does not depend on the order in which signals arrived.
 *
 * @param version the version last emitted (0 before the first emission)
 * @param status OPEN or RESOLVED (a MERGED incident leaves the store)
 * @param headline the most severe signal so far (the earliest among equals)
 * @param timeline the earliest signals by event time, at most the timeline limit
 * @param ruleCounts signals per rule id, all of them
 * @param tacticFirstSeen tactic id → event time of its first signal (for kill-chain order)
 */
record IncidentState(
    String id,
    String cluster,
    long version,
    IncidentStatus status,
    Instant firstSeen,
    Instant lastSeen,
    int signalCount,
    Headline headline,
    List<String> tactics,
    List<String> techniques,
    List<EvidenceSource> sources,
    List<EntityRef> entities,
    List<TimelineEntry> timeline,
    Map<String, Integer> ruleCounts,
    Map<String, Instant> tacticFirstSeen,
    StorylineProgress storylines,
    Lifecycle lifecycle) {

  /** At most this many entities (and techniques) per incident; further ones are not listed. */
  static final int MAX_ENTITIES = 100;

  /** Oldest first: the incident that started earlier (in event time) survives a merge. */
  static final Comparator<IncidentState> OLDEST_FIRST =
      Comparator.comparing(IncidentState::firstSeen).thenComparing(IncidentState::id);

  /** The signal that names the incident: the most severe, the earliest among equals. */
  record Headline(Severity severity, Instant eventTime, String title) {

    private static final Comparator<Headline> PRECEDENCE =
        Comparator.comparing(Headline::severity)
            .reversed()
            .thenComparing(Headline::eventTime)
            .thenComparing(Headline::title);

    static Headline of(Signal signal) {
      return new Headline(signal.getSeverity(), signal.getEventTime(), signal.getTitle());
    }

    Headline or(Headline other) {
      return PRECEDENCE.compare(this, other) <= 0 ? this : other;
    }
  }

  /** Fills what a state written by an earlier release lacks. */
  IncidentState {
    status = status == null ? IncidentStatus.OPEN : status;
    if (ruleCounts == null) {
      Map<String, Integer> counts = new TreeMap<>();
      timeline.forEach(entry -> counts.merge(entry.ruleId(), 1, Integer::sum));
      ruleCounts = counts;
    }
    if (tacticFirstSeen == null) {
      Map<String, Instant> first = new TreeMap<>();
      tactics.forEach(tactic -> first.put(IncidentScore.tacticId(tactic), firstSeen));
      tacticFirstSeen = first;
    }
    storylines = storylines == null ? StorylineProgress.none() : storylines;
    lifecycle = lifecycle == null ? Lifecycle.open(lastSeen, lastSeen) : lifecycle;
  }

  /** A new open incident holding only {@code signal}; not yet emitted (version 0). */
  static IncidentState open(
      String id, Signal signal, CorrelationSettings settings, Instant wallTime) {
    Instant time = signal.getEventTime();
    return new IncidentState(
            id,
            signal.getCluster(),
            0,
            IncidentStatus.OPEN,
            time,
            time,
            0,
            Headline.of(signal),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            Map.of(),
            StorylineProgress.none(),
            Lifecycle.open(time, wallTime))
        .add(signal, settings, wallTime);
  }

  /** This incident with one more signal (received at {@code wallTime}). */
  IncidentState add(Signal signal, CorrelationSettings settings, Instant wallTime) {
    Instant time = signal.getEventTime();
    TimelineEntry entry = TimelineEntry.of(signal);
    Map<String, Integer> counts = new TreeMap<>(ruleCounts);
    counts.merge(signal.getRuleId(), 1, Integer::sum);
    Map<String, Instant> firstTactics = new TreeMap<>(tacticFirstSeen);
    List<String> signalTactics = List.of();
    if (signal.getTactic() != null) {
      signalTactics = List.of(signal.getTactic());
      firstTactics.merge(
          IncidentScore.tacticId(signal.getTactic()),
          time,
          (kept, added) -> added.isBefore(kept) ? added : kept);
    }
    return new IncidentState(
        id,
        cluster,
        version,
        status,
        time.isBefore(firstSeen) ? time : firstSeen,
        time.isAfter(lastSeen) ? time : lastSeen,
        signalCount + 1,
        headline.or(Headline.of(signal)),
        union(tactics, signalTactics, Integer.MAX_VALUE),
        union(techniques, signal.getTechniques(), MAX_ENTITIES),
        union(sources, List.of(signal.getEvidence().getSource()), Integer.MAX_VALUE),
        union(entities, signal.getEntities().stream().map(EntityRef::of).toList(), MAX_ENTITIES),
        timeline(timeline, List.of(entry), settings.timelineLimit()),
        counts,
        firstTactics,
        storylines.add(entry, settings.storylines(), settings.window()),
        lifecycle.active(time, wallTime));
  }

  /** This incident having taken over another one's signals and entities (this id survives). */
  IncidentState absorb(IncidentState other, CorrelationSettings settings) {
    Map<String, Integer> counts = new TreeMap<>(ruleCounts);
    other.ruleCounts.forEach((rule, count) -> counts.merge(rule, count, Integer::sum));
    Map<String, Instant> firstTactics = new TreeMap<>(tacticFirstSeen);
    other.tacticFirstSeen.forEach(
        (tactic, time) ->
            firstTactics.merge(tactic, time, (kept, added) -> added.isBefore(kept) ? added : kept));
    return new IncidentState(
        id,
        cluster,
        version,
        status,
        other.firstSeen.isBefore(firstSeen) ? other.firstSeen : firstSeen,
        other.lastSeen.isAfter(lastSeen) ? other.lastSeen : lastSeen,
        signalCount + other.signalCount,
        headline.or(other.headline),
        union(tactics, other.tactics, Integer.MAX_VALUE),
        union(techniques, other.techniques, MAX_ENTITIES),
        union(sources, other.sources, Integer.MAX_VALUE),
        union(entities, other.entities, MAX_ENTITIES),
        timeline(timeline, other.timeline, settings.timelineLimit()),
        counts,
        firstTactics,
        storylines.merge(other.storylines, settings.storylines(), settings.window()),
        lifecycle.merge(other.lifecycle));
  }

  IncidentState nextVersion() {
    return new IncidentState(
        id,
        cluster,
        version + 1,
        status,
        firstSeen,
        lastSeen,
        signalCount,
        headline,
        tactics,
        techniques,
        sources,
        entities,
        timeline,
        ruleCounts,
        tacticFirstSeen,
        storylines,
        lifecycle);
  }

  IncidentState with(IncidentStatus newStatus, Lifecycle newLifecycle) {
    return new IncidentState(
        id,
        cluster,
        version,
        newStatus,
        firstSeen,
        lastSeen,
        signalCount,
        headline,
        tactics,
        techniques,
        sources,
        entities,
        timeline,
        ruleCounts,
        tacticFirstSeen,
        storylines,
        newLifecycle);
  }

  IncidentState resolved(IncidentResolution why, Instant at, Instant wallTime) {
    return with(IncidentStatus.RESOLVED, lifecycle.resolved(why, at, wallTime));
  }

  IncidentState reopened(Instant eventTime, Instant wallTime) {
    return with(IncidentStatus.OPEN, lifecycle.reopen(eventTime, wallTime));
  }

  boolean isOpen() {
    return status == IncidentStatus.OPEN;
  }

  /** The entities of the given kinds: those the entity index holds for this incident. */
  List<EntityRef> entitiesOf(Set<EntityKind> kinds) {
    return entities.stream().filter(entity -> kinds.contains(entity.kind())).toList();
  }

  IncidentScore score() {
    return IncidentScore.of(headline.severity(), tacticFirstSeen, sources.size(), ruleCounts);
  }

  /** The matched storyline with the highest severity floor (the first declared among equals). */
  Storyline storyline(Storylines catalogue) {
    Storyline best = null;
    for (String matchedId : storylines.matched()) {
      Storyline candidate = catalogue.get(matchedId).orElse(null);
      if (candidate != null
          && (best == null
              || candidate.severity().compareTo(best.severity()) > 0
              || (candidate.severity() == best.severity()
                  && catalogue.indexOf(candidate.id()) < catalogue.indexOf(best.id())))) {
        best = candidate;
      }
    }
    return best;
  }

  /** The score's severity, at least the floor of every matched storyline. */
  Severity severity(Storylines catalogue) {
    Severity severity = score().severity();
    for (String matchedId : storylines.matched()) {
      Severity floor = catalogue.get(matchedId).map(Storyline::severity).orElse(Severity.UNKNOWN);
      severity = floor.compareTo(severity) > 0 ? floor : severity;
    }
    return severity;
  }

  /**
   * The storyline's title, else the most severe signal's title; plus "by <actor>" when exactly one
   * actor (user or service account) is involved.
   */
  String title(Storylines catalogue) {
    Storyline storyline = storyline(catalogue);
    String title = storyline == null ? headline.title() : storyline.title();
    List<EntityRef> actors = entities.stream().filter(EntityRef::isActor).toList();
    return actors.size() == 1 ? title + " by " + actors.get(0).name() : title;
  }

  /** This version as the published record; {@code status} overrides the state's (MERGED). */
  Incident toIncident(
      IncidentStatus publishedStatus,
      String mergedInto,
      Instant eventTime,
      Instant ingestTime,
      Storylines catalogue) {
    IncidentScore score = score();
    Storyline storyline = storyline(catalogue);
    return Incident.newBuilder()
        .setId(id)
        .setCluster(cluster)
        .setEventTime(eventTime)
        .setIngestTime(ingestTime)
        .setVersion(version)
        .setStatus(publishedStatus)
        .setMergedInto(mergedInto)
        .setTitle(title(catalogue))
        .setSeverity(severity(catalogue))
        .setScore(score.score())
        .setTactics(tactics)
        .setTechniques(techniques)
        .setSources(sources)
        .setEntities(entities.stream().map(EntityRef::toAvro).toList())
        .setFirstSeen(firstSeen)
        .setLastSeen(lastSeen)
        .setSignalCount(signalCount)
        .setSignals(timeline.stream().map(TimelineEntry::toAvro).toList())
        .setStoryline(storyline == null ? null : storyline.id())
        .setStorylines(storylines.matched())
        .setResolution(publishedStatus == IncidentStatus.RESOLVED ? lifecycle.resolution() : null)
        .setAcknowledgedBy(lifecycle.acknowledgedBy())
        .setAcknowledgedAt(lifecycle.acknowledgedAt())
        .setAssignee(lifecycle.assignee())
        .setRuleCounts(new LinkedHashMap<>(ruleCounts))
        .setReopened(lifecycle.reopened())
        .setScoreFactors(score.factors())
        .build();
  }

  private static <T extends Comparable<? super T>> List<T> union(
      Collection<T> kept, Collection<? extends T> added, int cap) {
    TreeSet<T> union = new TreeSet<>(kept);
    for (T item : added) {
      if (union.size() >= cap) {
        break;
      }
      union.add(item);
    }
    return List.copyOf(union);
  }

  private static List<TimelineEntry> timeline(
      List<TimelineEntry> kept, List<TimelineEntry> added, int limit) {
    if (kept.size() >= limit
        && added.size() == 1
        && TimelineEntry.EVENT_TIME_ORDER.compare(added.get(0), kept.get(kept.size() - 1)) > 0) {
      return kept; // the common case of a flood: a later signal beyond a full timeline
    }
    Map<String, TimelineEntry> byId = new LinkedHashMap<>();
    kept.forEach(entry -> byId.put(entry.signalId(), entry));
    added.forEach(entry -> byId.putIfAbsent(entry.signalId(), entry));
    List<TimelineEntry> sorted = new ArrayList<>(byId.values());
    sorted.sort(TimelineEntry.EVENT_TIME_ORDER);
    return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
  }
}
