package io.palisade.correlation.correlate;

import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
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
import java.util.TreeSet;

/**
 * One open incident as the correlation store keeps it: everything needed to emit the next version
 * of the {@link Incident} record, including what the record itself does not carry (the most severe
 * signal even when it fell off the bounded timeline). Immutable; every change returns a new state.
 *
 * <p>Sets (tactics, techniques, sources, entities) are kept sorted so that the emitted incident
 * does not depend on the order in which signals arrived.
 *
 * @param version the version last emitted (0 before the first emission)
 * @param headline the most severe signal so far (the earliest among equals)
 * @param timeline the earliest signals by event time, at most the timeline limit
 */
record IncidentState(
    String id,
    String cluster,
    long version,
    Instant firstSeen,
    Instant lastSeen,
    int signalCount,
    Headline headline,
    List<String> tactics,
    List<String> techniques,
    List<EvidenceSource> sources,
    List<EntityRef> entities,
    List<TimelineEntry> timeline) {

  /** Three distinct tactics mean an attack is progressing: severity goes one step up. */
  static final int TACTICS_FOR_ESCALATION = 3;

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

  /** A new incident holding only {@code signal}; not yet emitted (version 0). */
  static IncidentState open(String id, Signal signal, int timelineLimit) {
    Instant time = signal.getEventTime();
    return new IncidentState(
            id,
            signal.getCluster(),
            0,
            time,
            time,
            0,
            Headline.of(signal),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of())
        .add(signal, timelineLimit);
  }

  /** This incident with one more signal. */
  IncidentState add(Signal signal, int timelineLimit) {
    Instant time = signal.getEventTime();
    List<String> signalTactics =
        signal.getTactic() == null ? List.of() : List.of(signal.getTactic());
    return new IncidentState(
        id,
        cluster,
        version,
        time.isBefore(firstSeen) ? time : firstSeen,
        time.isAfter(lastSeen) ? time : lastSeen,
        signalCount + 1,
        headline.or(Headline.of(signal)),
        union(tactics, signalTactics),
        union(techniques, signal.getTechniques()),
        union(sources, List.of(signal.getEvidence().getSource())),
        union(entities, signal.getEntities().stream().map(EntityRef::of).toList()),
        timeline(timeline, List.of(TimelineEntry.of(signal)), timelineLimit));
  }

  /** This incident having taken over another one's signals and entities (this id survives). */
  IncidentState absorb(IncidentState other, int timelineLimit) {
    return new IncidentState(
        id,
        cluster,
        version,
        other.firstSeen.isBefore(firstSeen) ? other.firstSeen : firstSeen,
        other.lastSeen.isAfter(lastSeen) ? other.lastSeen : lastSeen,
        signalCount + other.signalCount,
        headline.or(other.headline),
        union(tactics, other.tactics),
        union(techniques, other.techniques),
        union(sources, other.sources),
        union(entities, other.entities),
        timeline(timeline, other.timeline, timelineLimit));
  }

  IncidentState nextVersion() {
    return new IncidentState(
        id,
        cluster,
        version + 1,
        firstSeen,
        lastSeen,
        signalCount,
        headline,
        tactics,
        techniques,
        sources,
        entities,
        timeline);
  }

  /** The entities of the given kinds: those the entity index holds for this incident. */
  List<EntityRef> entitiesOf(Set<EntityKind> kinds) {
    return entities.stream().filter(entity -> kinds.contains(entity.kind())).toList();
  }

  /** The highest signal severity, one step higher from three distinct tactics on. */
  Severity severity() {
    Severity highest = headline.severity();
    if (tactics.size() < TACTICS_FOR_ESCALATION || highest == Severity.CRITICAL) {
      return highest;
    }
    return Severity.values()[highest.ordinal() + 1];
  }

  /** The most severe signal's title, plus "by <actor>" when exactly one actor is involved. */
  String title() {
    List<EntityRef> actors = entities.stream().filter(EntityRef::isActor).toList();
    return actors.size() == 1 ? headline.title() + " by " + actors.get(0).name() : headline.title();
  }

  /**
   * 0–100: points for the incident severity (INFO 10, LOW 20, MEDIUM 40, HIGH 60, CRITICAL 80),
   * plus 5 per distinct tactic and 5 per distinct evidence source beyond the first (an attack that
   * progresses, evidence that corroborates), plus 2 per further signal up to 10.
   */
  int score() {
    int points =
        switch (severity()) {
          case INFO -> 10;
          case LOW -> 20;
          case MEDIUM -> 40;
          case HIGH -> 60;
          case CRITICAL -> 80;
          default -> 0;
        };
    points += 5 * Math.max(0, tactics.size() - 1);
    points += 5 * Math.max(0, sources.size() - 1);
    points += Math.min(10, 2 * Math.max(0, signalCount - 1));
    return Math.min(100, points);
  }

  /** This version as the published record. */
  Incident toIncident(
      IncidentStatus status, String mergedInto, Instant eventTime, Instant ingestTime) {
    return Incident.newBuilder()
        .setId(id)
        .setCluster(cluster)
        .setEventTime(eventTime)
        .setIngestTime(ingestTime)
        .setVersion(version)
        .setStatus(status)
        .setMergedInto(mergedInto)
        .setTitle(title())
        .setSeverity(severity())
        .setScore(score())
        .setTactics(tactics)
        .setTechniques(techniques)
        .setSources(sources)
        .setEntities(entities.stream().map(EntityRef::toAvro).toList())
        .setFirstSeen(firstSeen)
        .setLastSeen(lastSeen)
        .setSignalCount(signalCount)
        .setSignals(timeline.stream().map(TimelineEntry::toAvro).toList())
        .build();
  }

  private static <T extends Comparable<? super T>> List<T> union(
      Collection<T> kept, Collection<? extends T> added) {
    TreeSet<T> union = new TreeSet<>(kept);
    union.addAll(added);
    return List.copyOf(union);
  }

  private static List<TimelineEntry> timeline(
      List<TimelineEntry> kept, List<TimelineEntry> added, int limit) {
    Map<String, TimelineEntry> byId = new LinkedHashMap<>();
    kept.forEach(entry -> byId.put(entry.signalId(), entry));
    added.forEach(entry -> byId.putIfAbsent(entry.signalId(), entry));
    List<TimelineEntry> sorted = new ArrayList<>(byId.values());
    sorted.sort(TimelineEntry.EVENT_TIME_ORDER);
    return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
  }
}
