package io.palisade.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.PolicyViolation;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.avro.SignalSummary;
import io.palisade.avro.UserInfo;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.correlation.detect.Detections;
import io.palisade.correlation.support.StreamsTestConfig;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo attack through both stages: in cluster "demo", alice binds herself cluster-admin, is
 * refused a privileged pod a minute later, execs into shop/web-7d9f two minutes after that, and ten
 * seconds later Falco sees a terminal shell in that pod. The evidence arrives scrambled.
 */
class DemoScenarioTest {

  private static final String CLUSTER = "demo";
  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private final TopologyTestDriver driver;

  DemoScenarioTest() {
    StreamsBuilder builder = new StreamsBuilder();
    DetectionTopology.build(builder, topics, Detections.standard());
    IncidentTopology.build(builder, topics, CorrelationSettings.defaults());
    driver =
        new TopologyTestDriver(
            builder.build(), StreamsTestConfig.properties("demo"), StreamsTestConfig.WALL_CLOCK);
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void scrambledDemoAttackBecomesOneIncidentWithTheWholeStory() {
    AuditEvent execStarted = exec("ResponseStarted", T0.plus(Duration.ofMinutes(3)), 101);
    AuditEvent execCompleted =
        exec("ResponseComplete", T0.plus(Duration.ofMinutes(3)).plusSeconds(40), 101);

    // Falco first, the exec that links alice to the pod last: two incidents must merge.
    pipe(topics.runtime(), falcoShell());
    pipe(topics.audit(), clusterAdminBinding());
    pipe(topics.admission(), privilegedPodDenied());
    pipe(topics.audit(), execStarted);
    pipe(topics.audit(), execCompleted);

    List<TestRecord<String, Signal>> signals =
        driver
            .createOutputTopic(
                topics.signals().name(),
                topics.signals().keySerde().deserializer(),
                topics.signals().valueSerde().deserializer())
            .readRecordsToList();
    assertThat(signals).hasSize(5).allSatisfy(r -> assertThat(r.key()).isEqualTo(CLUSTER));
    assertThat(signals.stream().map(r -> r.value().getId()).distinct()).hasSize(4);

    List<TestRecord<String, Incident>> records =
        driver
            .createOutputTopic(
                topics.incidents().name(),
                topics.incidents().keySerde().deserializer(),
                topics.incidents().valueSerde().deserializer())
            .readRecordsToList();
    assertThat(records)
        .allSatisfy(r -> assertThat(CloudEventHeaders.read(r.headers())).isPresent());
    Map<String, Incident> latest = new LinkedHashMap<>();
    records.forEach(r -> latest.put(r.key(), r.value()));

    List<Incident> open =
        latest.values().stream().filter(i -> i.getStatus() == IncidentStatus.OPEN).toList();
    assertThat(open).hasSize(1);
    Incident incident = open.get(0);
    assertThat(latest.values())
        .filteredOn(i -> i.getStatus() == IncidentStatus.MERGED)
        .isNotEmpty()
        .allSatisfy(i -> assertThat(i.getMergedInto()).isEqualTo(incident.getId()));

    assertThat(incident.getSignalCount()).isEqualTo(4);
    assertThat(incident.getSignals())
        .extracting(SignalSummary::getTitle)
        .containsExactly(
            "Binding to cluster-admin",
            "Privileged pod denied",
            "Exec into pod",
            "Terminal shell in container");
    assertThat(incident.getSignals())
        .extracting(s -> s.getEvidence().getSource())
        .containsExactly(
            EvidenceSource.AUDIT,
            EvidenceSource.ADMISSION,
            EvidenceSource.AUDIT,
            EvidenceSource.RUNTIME);
    assertThat(incident.getSignals()).extracting(SignalSummary::getEventTime).isSorted();
    assertThat(incident.getSources())
        .containsExactly(EvidenceSource.AUDIT, EvidenceSource.ADMISSION, EvidenceSource.RUNTIME);
    // the binding then the exec/shell is the rbac-escalation-then-shell storyline: its title
    assertThat(incident.getTitle())
        .isEqualTo("RBAC escalation followed by an interactive shell by alice");
    assertThat(incident.getStoryline()).isEqualTo("rbac-escalation-then-shell");
    assertThat(incident.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(incident.getTactics())
        .containsExactly("TA0002 Execution", "TA0004 Privilege Escalation");
    assertThat(incident.getTechniques()).contains("T1098.006", "T1611", "T1609", "T1059");
    assertThat(incident.getEntities())
        .extracting(e -> e.getKind() + ":" + e.getName())
        .contains("ACTOR:alice", "POD:shop/web-7d9f", "POD:shop/debug-root", "NAMESPACE:shop");
    assertThat(incident.getFirstSeen()).isEqualTo(T0);
    assertThat(incident.getLastSeen()).isEqualTo(T0.plus(Duration.ofMinutes(3)).plusSeconds(10));
    assertThat(incident.getScore()).isBetween(80, 100);
    assertThat(incident.getVersion()).isGreaterThan(1);
  }

  private <V> void pipe(Topic<String, V> topic, V value) {
    TestInputTopic<String, V> input =
        driver.createInputTopic(
            topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    input.pipeInput("key", value);
  }

  private static UserInfo alice() {
    return UserInfo.newBuilder().setUsername("alice").setGroups(List.of("developers")).build();
  }

  private static AuditEvent clusterAdminBinding() {
    return AuditEvent.newBuilder()
        .setId("a1b2-binding/ResponseComplete")
        .setCluster(CLUSTER)
        .setEventTime(T0)
        .setIngestTime(T0.plusSeconds(1))
        .setAuditId("a1b2-binding")
        .setStage("ResponseComplete")
        .setLevel("RequestResponse")
        .setVerb("create")
        .setRequestUri("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings")
        .setUser(alice())
        .setObjectRef(
            ObjectReference.newBuilder()
                .setResource("clusterrolebindings")
                .setApiGroup("rbac.authorization.k8s.io")
                .setName("alice-admin")
                .build())
        .setResponseCode(201)
        .setRequestObjectJson(
            """
            {"kind":"ClusterRoleBinding","metadata":{"name":"alice-admin"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole",
                        "name":"cluster-admin"},
             "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"alice"}]}""")
        .build();
  }

  private static AdmissionDecision privilegedPodDenied() {
    return AdmissionDecision.newBuilder()
        .setId("5e6f-admission-uid")
        .setCluster(CLUSTER)
        .setEventTime(T0.plus(Duration.ofMinutes(1)))
        .setIngestTime(T0.plus(Duration.ofMinutes(1)))
        .setOperation("CREATE")
        .setVersion("v1")
        .setKind("Pod")
        .setResource("pods")
        .setNamespace("shop")
        .setName("debug-root")
        .setUser(alice())
        .setAllowed(false)
        .setViolations(
            List.of(
                PolicyViolation.newBuilder()
                    .setPolicy("pss:privileged")
                    .setMessage("privileged (container \"debug\" must not set privileged=true)")
                    .build()))
        .setObjectJson(
            """
            {"kind":"Pod","metadata":{"name":"debug-root","namespace":"shop"},
             "spec":{"hostPID":true,"containers":[{"name":"debug","image":"alpine:3.20",
                     "securityContext":{"privileged":true}}]}}""")
        .build();
  }

  private static AuditEvent exec(String stage, Instant time, int code) {
    return AuditEvent.newBuilder()
        .setId("c3d4-exec/" + stage)
        .setCluster(CLUSTER)
        .setEventTime(time)
        .setIngestTime(time.plusSeconds(1))
        .setAuditId("c3d4-exec")
        .setStage(stage)
        .setLevel("Request")
        .setVerb("create")
        .setRequestUri(
            "/api/v1/namespaces/shop/pods/web-7d9f/exec?command=sh&container=web&stdin=true&tty=true")
        .setUser(alice())
        .setObjectRef(
            ObjectReference.newBuilder()
                .setResource("pods")
                .setNamespace("shop")
                .setName("web-7d9f")
                .setSubresource("exec")
                .build())
        .setResponseCode(code)
        .build();
  }

  private static RuntimeAlert falcoShell() {
    Instant time = T0.plus(Duration.ofMinutes(3)).plusSeconds(10);
    return RuntimeAlert.newBuilder()
        .setId("f00d-falco")
        .setCluster(CLUSTER)
        .setEventTime(time)
        .setIngestTime(time.plusSeconds(1))
        .setRule("Terminal shell in container")
        .setPriority(FalcoPriority.CRITICAL)
        .setSource("syscall")
        .setHostname("node-1")
        .setOutput(
            "Critical A shell was spawned in a container with an attached terminal"
                + " (user=root k8s.ns=shop k8s.pod=web-7d9f container=0a1b2c3d4e5f shell=sh)")
        .setTags(List.of("container", "shell", "mitre_execution", "T1059"))
        .setOutputFields(Map.of("k8s.ns.name", "shop", "k8s.pod.name", "web-7d9f"))
        .setNamespace("shop")
        .setPod("web-7d9f")
        .setContainerId("0a1b2c3d4e5f")
        .setImage("registry.example.com/shop/web:1.4")
        .build();
  }
}
