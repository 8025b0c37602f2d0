package io.palisade.correlation.support;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.avro.SignalSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Incident records for tests of what reads incidents (the view, the API), built field by field. */
public final class TestIncidents {

  private final String id;
  private String cluster = "demo";
  private Instant lastSeen = Instant.parse("2026-02-01T07:00:00Z");
  private Instant ingestTime = StreamsTestConfig.WALL_CLOCK;
  private long version = 1;
  private IncidentStatus status = IncidentStatus.OPEN;
  private String mergedInto;
  private Severity severity = Severity.MEDIUM;
  private final List<Entity> entities = new ArrayList<>();

  private TestIncidents(String id) {
    this.id = id;
  }

  public static TestIncidents incident(String id) {
    return new TestIncidents(id);
  }

  public TestIncidents cluster(String value) {
    cluster = value;
    return this;
  }

  public TestIncidents lastSeen(Instant value) {
    lastSeen = value;
    return this;
  }

  public TestIncidents ingestTime(Instant value) {
    ingestTime = value;
    return this;
  }

  public TestIncidents version(long value) {
    version = value;
    return this;
  }

  public TestIncidents status(IncidentStatus value) {
    status = value;
    return this;
  }

  public TestIncidents mergedInto(String survivor) {
    status = IncidentStatus.MERGED;
    mergedInto = survivor;
    return this;
  }

  public TestIncidents severity(Severity value) {
    severity = value;
    return this;
  }

  public TestIncidents entity(EntityKind kind, String name) {
    entities.add(Entity.newBuilder().setKind(kind).setName(name).build());
    return this;
  }

  public Incident build() {
    SignalSummary signal =
        SignalSummary.newBuilder()
            .setId("signal-of-" + id)
            .setRuleId("test.rule")
            .setTitle("Signal of " + id)
            .setSeverity(severity)
            .setEventTime(lastSeen)
            .setTactic("TA0002 Execution")
            .setTechniques(List.of("T1609"))
            .setEvidence(
                EvidenceRef.newBuilder()
                    .setSource(EvidenceSource.AUDIT)
                    .setTopic("palisade.audit.v1")
                    .setId("evidence-of-" + id)
                    .setSummary("alice create pods/exec")
                    .build())
            .build();
    return Incident.newBuilder()
        .setId(id)
        .setCluster(cluster)
        .setEventTime(lastSeen)
        .setIngestTime(ingestTime)
        .setVersion(version)
        .setStatus(status)
        .setMergedInto(mergedInto)
        .setTitle("Incident " + id)
        .setSeverity(severity)
        .setScore(40)
        .setTactics(List.of("TA0002 Execution"))
        .setTechniques(List.of("T1609"))
        .setSources(List.of(EvidenceSource.AUDIT))
        .setEntities(entities)
        .setFirstSeen(lastSeen.minusSeconds(60))
        .setLastSeen(lastSeen)
        .setSignalCount(1)
        .setSignals(List.of(signal))
        .build();
  }
}
