package io.palisade.schemas;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.DeliveryOutcome;
import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentResolution;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.NotificationRecord;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.avro.SignalSummary;
import io.palisade.avro.UserInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of each contract type. */
final class ContractSamples {

  static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private ContractSamples() {}

  static List<SpecificRecord> all() {
    return List.of(audit(), admission(), runtime(), signal(), incident(), notification());
  }

  static UserInfo alice() {
    return UserInfo.newBuilder()
        .setUsername("alice")
        .setGroups(List.of("system:authenticated"))
        .setExtra(Map.of("authentication.kubernetes.io/pod-name", List.of("web-1")))
        .build();
  }

  static AuditEvent audit() {
    return AuditEvent.newBuilder()
        .setId("0f1e/ResponseStarted")
        .setCluster("prod-eu")
        .setEventTime(T0)
        .setIngestTime(T0.plusMillis(40))
        .setAuditId("0f1e")
        .setStage("ResponseStarted")
        .setVerb("create")
        .setRequestUri("/api/v1/namespaces/shop/pods/web-1/exec?command=sh")
        .setUser(alice())
        .setSourceIps(List.of("10.0.0.7"))
        .setObjectRef(
            ObjectReference.newBuilder()
                .setResource("pods")
                .setSubresource("exec")
                .setNamespace("shop")
                .setName("web-1")
                .build())
        .setResponseCode(101)
        .setRequestObjectJson("{\"kind\":\"PodExecOptions\"}")
        .setAnnotations(Map.of("authorization.k8s.io/decision", "allow"))
        .build();
  }

  static AdmissionDecision admission() {
    return AdmissionDecision.newBuilder()
        .setId("705ab4f5-6393-11e8-b7cc-42010a800002")
        .setCluster("prod-eu")
        .setEventTime(T0)
        .setIngestTime(T0)
        .setOperation("CREATE")
        .setVersion("v1")
        .setKind("Pod")
        .setResource("pods")
        .setNamespace("shop")
        .setName("root-shell")
        .setUser(alice())
        .setAllowed(false)
        .setViolations(
            List.of(
                io.palisade.avro.PolicyViolation.newBuilder()
                    .setPolicy("pss:privileged")
                    .setMessage(
                        "privileged (container \"c\" must not set securityContext.privileged=true)")
                    .build()))
        .setObjectJson("{\"kind\":\"Pod\"}")
        .build();
  }

  static RuntimeAlert runtime() {
    return RuntimeAlert.newBuilder()
        .setId("9d3c")
        .setCluster("prod-eu")
        .setEventTime(T0)
        .setEventTimeNanos(478445995)
        .setIngestTime(T0)
        .setRule("Terminal shell in container")
        .setPriority(FalcoPriority.NOTICE)
        .setHostname("node-1")
        .setTags(List.of("container", "shell", "mitre_execution", "T1059"))
        .setOutputFields(Map.of("proc.tty", "34816", "k8s.pod.name", "web-1"))
        .setNamespace("shop")
        .setPod("web-1")
        .setSeverity(Severity.LOW)
        .setTactics(List.of("TA0002 Execution"))
        .setTechniques(List.of("T1059"))
        .build();
  }

  static Signal signal() {
    return Signal.newBuilder()
        .setId("sig-1")
        .setCluster("prod-eu")
        .setEventTime(T0)
        .setIngestTime(T0)
        .setRuleId("pod-exec")
        .setTitle("Interactive exec into a pod")
        .setSeverity(Severity.MEDIUM)
        .setTactic("TA0002 execution")
        .setTechniques(List.of("T1609"))
        .setEntities(
            List.of(
                new Entity(EntityKind.ACTOR, "alice"), new Entity(EntityKind.POD, "shop/web-1")))
        .setEvidence(
            new EvidenceRef(
                EvidenceSource.AUDIT,
                "palisade.audit.v1",
                "0f1e/ResponseStarted",
                "alice exec shop/web-1"))
        .build();
  }

  static Incident incident() {
    Signal signal = signal();
    return Incident.newBuilder()
        .setId("inc-1")
        .setCluster("prod-eu")
        .setEventTime(T0)
        .setIngestTime(T0)
        .setVersion(3)
        .setStatus(IncidentStatus.OPEN)
        .setTitle("Interactive exec into a pod")
        .setSeverity(Severity.HIGH)
        .setScore(61)
        .setTactics(List.of("TA0002 execution"))
        .setTechniques(List.of("T1609"))
        .setSources(List.of(EvidenceSource.AUDIT))
        .setEntities(signal.getEntities())
        .setFirstSeen(T0)
        .setLastSeen(T0)
        .setSignalCount(1)
        .setSignals(
            List.of(
                new SignalSummary(
                    signal.getId(),
                    signal.getRuleId(),
                    signal.getTitle(),
                    signal.getSeverity(),
                    signal.getEventTime(),
                    signal.getTactic(),
                    signal.getTechniques(),
                    signal.getEvidence())))
        .setStoryline("exec-then-secret-reads")
        .setStorylines(List.of("exec-then-secret-reads"))
        .setResolution(IncidentResolution.ANALYST)
        .setAcknowledgedBy("bob")
        .setAcknowledgedAt(T0.plusSeconds(60))
        .setAssignee("carol")
        .setRuleCounts(Map.of(signal.getRuleId(), 1))
        .setReopened(1)
        .setScoreFactors(Map.of("severity", 55, "repeats", 0))
        .build();
  }

  static NotificationRecord notification() {
    return NotificationRecord.newBuilder()
        .setId("inc-1/3/webhook/1")
        .setCluster("prod-eu")
        .setEventTime(T0)
        .setIngestTime(T0)
        .setIncidentId("inc-1")
        .setIncidentVersion(3)
        .setReceiver("webhook")
        .setAttempt(1)
        .setOutcome(DeliveryOutcome.DELIVERED)
        .setStatusCode(204)
        .build();
  }
}
