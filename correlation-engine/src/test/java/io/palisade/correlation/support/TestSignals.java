package io.palisade.correlation.support;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Signals for correlation tests, built in a line: {@code signal("s1").at(t).pod("shop/web")}. */
public final class TestSignals {

  private final String id;
  private String ruleId = "test.rule";
  private String cluster = "demo";
  private Instant eventTime = Instant.parse("2026-02-01T07:00:00Z");
  private Severity severity = Severity.MEDIUM;
  private String title;
  private String tactic;
  private final List<String> techniques = new ArrayList<>();
  private EvidenceSource source = EvidenceSource.AUDIT;
  private final List<Entity> entities = new ArrayList<>();

  private TestSignals(String id) {
    this.id = id;
    this.title = "Signal " + id;
  }

  public static TestSignals signal(String id) {
    return new TestSignals(id);
  }

  public TestSignals rule(String value) {
    ruleId = value;
    return this;
  }

  public TestSignals cluster(String value) {
    cluster = value;
    return this;
  }

  public TestSignals at(Instant value) {
    eventTime = value;
    return this;
  }

  public TestSignals severity(Severity value) {
    severity = value;
    return this;
  }

  public TestSignals title(String value) {
    title = value;
    return this;
  }

  public TestSignals tactic(String value, String... techniqueIds) {
    tactic = value;
    techniques.addAll(List.of(techniqueIds));
    return this;
  }

  public TestSignals source(EvidenceSource value) {
    source = value;
    return this;
  }

  public TestSignals actor(String username) {
    return entity(
        username.startsWith("system:serviceaccount:")
            ? EntityKind.SERVICE_ACCOUNT
            : EntityKind.ACTOR,
        username);
  }

  public TestSignals pod(String namespacedName) {
    return entity(EntityKind.POD, namespacedName);
  }

  public TestSignals entity(EntityKind kind, String name) {
    entities.add(Entity.newBuilder().setKind(kind).setName(name).build());
    return this;
  }

  public Signal build() {
    return Signal.newBuilder()
        .setId(id)
        .setCluster(cluster)
        .setEventTime(eventTime)
        .setIngestTime(eventTime)
        .setRuleId(ruleId)
        .setTitle(title)
        .setSeverity(severity)
        .setTactic(tactic)
        .setTechniques(techniques)
        .setEntities(entities)
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(source)
                .setTopic("palisade.test.v1")
                .setId("evidence-" + id)
                .setSummary("evidence of " + id)
                .build())
        .build();
  }
}
