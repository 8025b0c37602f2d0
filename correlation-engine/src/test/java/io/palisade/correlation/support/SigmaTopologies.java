package io.palisade.correlation.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import io.palisade.correlation.detect.DetectionSettings;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.correlation.detect.Detections;
import io.palisade.correlation.detect.SigmaRules;
import io.palisade.correlation.sigma.RuleFile;
import io.palisade.correlation.sigma.SigmaRuleSet;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Detection harnesses over Sigma test rules, and audit events built in a line. */
public final class SigmaTopologies {

  public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private SigmaTopologies() {}

  /** The rule directory {@code sigma/wiring/<name>} of the test resources. */
  public static Path rules(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(
                  SigmaTopologies.class.getClassLoader().getResource("sigma/wiring/" + name), name)
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SigmaRuleSet ruleSet(String name) {
    return SigmaRuleSet.load(RuleFile.readDirectory(rules(name)));
  }

  /** A harness running only the Sigma rules of {@code sigma/wiring/<name>} (no Java rules). */
  public static DetectionHarness harness(
      String name, DetectionSettings settings, MeterRegistry meters) {
    return harness(SigmaRules.fixed(ruleSet(name), meters), settings, meters);
  }

  public static DetectionHarness harness(
      SigmaRules rules, DetectionSettings settings, MeterRegistry meters) {
    return new DetectionHarness(
        (topics, deadLetters) ->
            new DetectionTopology(
                topics, new Detections(List.of()), rules, settings, deadLetters, meters));
  }

  /** An audit event: {@code user verb resource[/subresource] namespace/name → code at time}. */
  public static AuditEvent audit(
      String auditId,
      String user,
      String verb,
      String resource,
      String namespace,
      String name,
      int code,
      Instant time) {
    String subresource = null;
    if (resource.contains("/")) {
      subresource = resource.substring(resource.indexOf('/') + 1);
      resource = resource.substring(0, resource.indexOf('/'));
    }
    return AuditEvent.newBuilder()
        .setId(auditId + "/ResponseComplete")
        .setCluster("demo")
        .setEventTime(time)
        .setIngestTime(time.plusSeconds(1))
        .setAuditId(auditId)
        .setStage("ResponseComplete")
        .setVerb(verb)
        .setRequestUri("/api/v1/namespaces/" + namespace + "/" + resource + "/" + name)
        .setUser(UserInfo.newBuilder().setUsername(user).build())
        .setSourceIps(List.of("10.0.0.7"))
        .setObjectRef(
            ObjectReference.newBuilder()
                .setResource(resource)
                .setSubresource(subresource)
                .setNamespace(namespace)
                .setName(name)
                .build())
        .setResponseCode(code)
        .build();
  }
}
