package io.palisade.runtime.falco;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.intake.Evidence;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class FalcoAlertNormalizerTest {

  private static final Instant INGEST = Instant.parse("2026-01-02T03:04:05Z");
  private static final String TYPE = PalisadeTopics.withDefaultNames().runtime().eventType();

  private final FalcoAlertReader reader = new FalcoAlertReader();
  private final FalcoAlertNormalizer normalizer = new FalcoAlertNormalizer();

  @Test
  void normalisesATerminalShellAlertWithItsPodAndContainer() {
    RuntimeAlert alert = normalize("falco/terminal-shell/input.json");

    assertThat(alert.getCluster()).isEqualTo("prod-eu");
    assertThat(alert.getRule()).isEqualTo("Terminal shell in container");
    assertThat(alert.getPriority()).isEqualTo(FalcoPriority.CRITICAL);
    assertThat(alert.getSource()).isEqualTo("syscall");
    assertThat(alert.getHostname()).isEqualTo("falco-xczjd");
    assertThat(alert.getTags()).containsExactly("container", "mitre_execution", "shell");
    assertThat(alert.getOutput()).startsWith("13:44:05.478445995: Critical A shell was spawned");
    assertThat(alert.getNamespace()).isEqualTo("default");
    assertThat(alert.getPod()).isEqualTo("kubecon");
    assertThat(alert.getContainerId()).isEqualTo("ee97d9c4186f");
    assertThat(alert.getImage()).isEqualTo("docker.io/library/alpine");
    assertThat(alert.getIngestTime()).isEqualTo(INGEST);
    assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.getTactics()).containsExactly("TA0002 Execution");
    assertThat(alert.getTechniques()).isEmpty();
  }

  @Test
  void normalisesAFalcoRules4AlertWhoseContainerAndKubernetesFieldsAreOnlyInOutputFields() {
    RuntimeAlert alert = normalize("falco/falco-rules-4-terminal-shell/input.json");

    assertThat(alert.getRule()).isEqualTo("Terminal shell in container");
    assertThat(alert.getPriority()).isEqualTo(FalcoPriority.NOTICE);
    assertThat(alert.getSeverity()).isEqualTo(Severity.LOW);
    assertThat(alert.getNamespace()).isEqualTo("shop");
    assertThat(alert.getPod()).isEqualTo("cart-7d9f8b6c5-x2x9q");
    assertThat(alert.getContainerId()).isEqualTo("8f0c2a1b9d3e");
    assertThat(alert.getImage()).isEqualTo("ghcr.io/acme/cart:1.4.2");
    assertThat(alert.getTactics()).containsExactly("TA0002 Execution");
    assertThat(alert.getTechniques()).containsExactly("T1059");
    assertThat(alert.getOutputFields())
        .containsEntry("proc.cmdline", "sh -c clear; sh")
        .containsEntry("user.name", "root")
        .containsEntry("container.name", "cart")
        .containsEntry("evt.arg.flags", "EXE_WRITABLE|EXE_LOWER_LAYER");
    assertThat(RuntimeEvidence.keyOf(alert)).isEqualTo("prod-eu/shop/cart-7d9f8b6c5-x2x9q");
  }

  @Test
  void normalisesAFalco041AlertWhoseKubernetesFieldsAreNull() {
    RuntimeAlert alert = normalize("falco/falco-rules-4-drop-and-execute-no-kubernetes/input.json");

    assertThat(alert.getPriority()).isEqualTo(FalcoPriority.CRITICAL);
    assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.getNamespace()).isNull();
    assertThat(alert.getPod()).isNull();
    assertThat(alert.getContainerId()).isEqualTo("2d1385179a7b");
    assertThat(alert.getImage()).isEqualTo("alpine:3.20");
    assertThat(alert.getTactics()).containsExactly("TA0003 Persistence");
    assertThat(alert.getTechniques()).isEmpty();
    assertThat(alert.getOutputFields())
        .containsEntry("k8s.ns.name", null)
        .containsEntry("evt.time.iso8601", "1783412972957192026")
        .containsEntry("proc.aname[2]", "containerd-shim");
    assertThat(RuntimeEvidence.keyOf(alert)).isEqualTo("prod-eu/lab9-node");
  }

  @Test
  void keepsFalcosidekicksUuidAndCustomFieldsInOutputFields() {
    RuntimeAlert alert = normalize("falco/falcosidekick-terminal-shell/input.json");

    assertThat(alert.getOutputFields())
        .containsEntry(
            FalcoAlertNormalizer.SIDEKICK_UUID_FIELD, "4f0e8a4e-1c0b-4f7a-9a55-2b8e2f1b6c1d")
        .containsEntry("environment", "production")
        .containsEntry("team", "platform")
        .containsEntry("k8s.pod.name", "kubecon");
    assertThat(alert.getPod()).isEqualTo("kubecon");
    assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void readsFalcosidekicksDefaultSourceSyscallsAsSyscall() {
    ObjectNode alert = minimalAlert();
    alert.put("source", "syscalls");

    assertThat(normalizer.normalize(alert, "c", INGEST).getSource()).isEqualTo("syscall");
  }

  @Test
  void keepsADecimalWithAHugeExponentExactWithoutExpandingIt() {
    ObjectNode alert =
        (ObjectNode)
            reader.read(
                ("{\"time\":\"2026-01-01T00:00:00Z\",\"rule\":\"r\",\"priority\":\"Notice\","
                        + "\"output_fields\":{\"x.big\":1e999999999,\"x.small\":2.5e-7}}")
                    .getBytes(UTF_8));

    RuntimeAlert normalized = normalizer.normalize(alert, "c", INGEST);

    assertThat(normalized.getOutputFields())
        .containsEntry("x.big", "1E+999999999")
        .containsEntry("x.small", "0.00000025");
  }

  @Test
  void splitsTheNanosecondTimeIntoMillisAndNanosWithinTheMillisecond() {
    RuntimeAlert alert = normalize("falco/terminal-shell/input.json");

    assertThat(alert.getEventTime()).isEqualTo(Instant.parse("2023-05-25T13:44:05.478Z"));
    assertThat(alert.getEventTimeNanos()).isEqualTo(445_995L);
  }

  @Test
  void keepsOutputFieldNumbersAsTheirDecimalText() {
    RuntimeAlert alert = normalize("falco/terminal-shell/input.json");

    assertThat(alert.getOutputFields())
        .containsEntry("evt.time", "1685022245478445995")
        .containsEntry("proc.tty", "34816")
        .containsEntry("user.loginuid", "-1")
        .containsEntry("proc.cmdline", "sh -c clear; (bash || ash || sh)");
  }

  @Test
  void keepsDecimalsExactlyAsFalcoWroteThem() {
    RuntimeAlert alert = normalize("falco/metrics-snapshot-internal/input.json");

    assertThat(alert.getOutputFields())
        .containsEntry("falco.evts_rate_sec", "1846.4")
        .containsEntry("scap.n_drops_perc", "0.0")
        .containsEntry("falco.version", "0.41.0");
  }

  @Test
  void ingestsFalcoInternalMessagesWithTheirSource() {
    RuntimeAlert alert = normalize("falco/metrics-snapshot-internal/input.json");

    assertThat(alert.getSource()).isEqualTo("internal");
    assertThat(alert.getRule()).isEqualTo("Falco internal: metrics snapshot");
    assertThat(alert.getPriority()).isEqualTo(FalcoPriority.INFORMATIONAL);
    assertThat(RuntimeEvidence.keyOf(alert)).isEqualTo("prod-eu/test");
  }

  @Test
  void joinsImageRepositoryAndTag() {
    RuntimeAlert alert = normalize("falco/api-server-contact-tagged-image/input.json");

    assertThat(alert.getImage()).isEqualTo("devopps/falco-pod-delete:latest");
    assertThat(RuntimeEvidence.keyOf(alert))
        .isEqualTo("prod-eu/openfaas-fn/falco-pod-delete-7dc9f5fbb8-gbfk7");
  }

  @Test
  void acceptsAnOldAlertWithoutHostnameOrSourceAndKeepsNullFields() {
    RuntimeAlert alert = normalize("falco/terminal-shell-2021-without-hostname/input.json");

    assertThat(alert.getSource()).isEqualTo("syscall");
    assertThat(alert.getHostname()).isEmpty();
    assertThat(alert.getImage()).isNull();
    assertThat(alert.getOutputFields()).containsEntry("proc.pname", null);
    assertThat(alert.getOutputFields()).containsKey("container.image.repository");
    assertThat(RuntimeEvidence.keyOf(alert)).isEqualTo("prod-eu/default/alpine");
  }

  @Test
  void keysAnAlertWithoutPodByTheFalcoHost() {
    RuntimeAlert alert = normalize("falco/k8saudit-serviceaccount-created/input.json");

    assertThat(alert.getSource()).isEqualTo("k8s_audit");
    assertThat(alert.getPriority()).isEqualTo(FalcoPriority.INFORMATIONAL);
    assertThat(alert.getPod()).isNull();
    assertThat(RuntimeEvidence.keyOf(alert))
        .isEqualTo("prod-eu/falco-k8saudit-eks-96d7f6f99-vwjgc");
  }

  @Test
  void keysByClusterAloneWithoutPodOrHostname() {
    ObjectNode alert = minimalAlert();

    assertThat(RuntimeEvidence.keyOf(normalizer.normalize(alert, "c", INGEST))).isEqualTo("c");
  }

  @Test
  void takesNamespaceAndPodFromTheK8smetaPluginWhenTheContainerPluginHasNone() {
    ObjectNode alert = minimalAlert();
    ObjectNode fields = alert.putObject("output_fields");
    fields.putNull("k8s.ns.name");
    fields.put("k8smeta.ns.name", "shop");
    fields.put("k8smeta.pod.name", "cart-7d9f");
    fields.put("container.id", "host");

    RuntimeAlert normalized = normalizer.normalize(alert, "c", INGEST);

    assertThat(normalized.getNamespace()).isEqualTo("shop");
    assertThat(normalized.getPod()).isEqualTo("cart-7d9f");
    assertThat(normalized.getContainerId()).isNull();
  }

  @Test
  void keepsNestedOutputFieldValuesAsCompactJson() {
    ObjectNode alert = minimalAlert();
    alert.putObject("output_fields").putArray("evt.args").add("a").add(2);

    assertThat(normalizer.normalize(alert, "c", INGEST).getOutputFields())
        .containsEntry("evt.args", "[\"a\",2]");
  }

  @Test
  void publishesWithACloudEventCarryingTheFullNanosecondTime() {
    Evidence<RuntimeAlert> evidence =
        RuntimeEvidence.of(normalize("falco/terminal-shell/input.json"), TYPE);

    assertThat(evidence.key()).isEqualTo("prod-eu/default/kubecon");
    assertThat(evidence.event().id()).isEqualTo(evidence.value().getId());
    assertThat(evidence.event().source()).hasToString("/palisade/runtime-ingester/prod-eu");
    assertThat(evidence.event().type()).isEqualTo("io.palisade.runtime.v1");
    assertThat(evidence.event().time()).isEqualTo(Instant.parse("2023-05-25T13:44:05.478445995Z"));
    assertThat(evidence.event().subject()).isEqualTo("prod-eu/default/kubecon");
  }

  @Test
  void givesTheSameAlertTheSameIdWhateverTheFieldOrder() {
    String text = Fixtures.text("falco/terminal-shell/input.json");
    ObjectNode original = (ObjectNode) reader.read(text.getBytes(UTF_8));
    ObjectNode reordered = original.deepCopy();
    ObjectNode fields = (ObjectNode) reordered.remove("output_fields");
    ObjectNode reversed = reordered.putObject("output_fields");
    List<String> names = new ArrayList<>(fields.propertyNames());
    Collections.reverse(names);
    names.forEach(name -> reversed.set(name, fields.get(name)));

    String id = normalizer.normalize(original, "c", INGEST).getId();

    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(normalizer.normalize(reordered, "c", Instant.EPOCH).getId()).isEqualTo(id);
  }

  @Test
  void givesDifferentAlertsDifferentIds() {
    ObjectNode alert = (ObjectNode) reader.read(Fixtures.bytes("falco/terminal-shell/input.json"));
    String id = normalizer.normalize(alert, "c", INGEST).getId();

    ObjectNode otherPod = alert.deepCopy();
    ((ObjectNode) otherPod.get("output_fields")).put("k8s.pod.name", "other");
    ObjectNode otherHost = alert.deepCopy();
    otherHost.put("hostname", "falco-other");
    ObjectNode otherTime = alert.deepCopy();
    otherTime.put("time", "2023-05-25T13:44:05.478445996Z");

    assertThat(normalizer.normalize(otherPod, "c", INGEST).getId()).isNotEqualTo(id);
    assertThat(normalizer.normalize(otherHost, "c", INGEST).getId()).isNotEqualTo(id);
    assertThat(normalizer.normalize(otherTime, "c", INGEST).getId()).isNotEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"time", "rule", "priority"})
  void refusesAnAlertWithoutARequiredFieldNamingIt(String field) {
    ObjectNode alert = minimalAlert();
    alert.remove(field);

    assertThatThrownBy(() -> normalizer.normalize(alert, "c", INGEST))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessage("missing required field '" + field + "'")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("missing-field");
  }

  @Test
  void refusesTheMalformedTimeOfTheSyntheticSidekickPayload() {
    JsonNode alert = reader.read(Fixtures.bytes("falco/fake-rule-malformed-time/input.json"));

    assertThatThrownBy(() -> normalizer.normalize(alert, "c", INGEST))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining("2021-04-13T20:58:00.746609046Z+2")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("invalid-time");
  }

  @Test
  void refusesAnUnknownPriority() {
    ObjectNode alert = minimalAlert();
    alert.put("priority", "Severe");

    assertThatThrownBy(() -> normalizer.normalize(alert, "c", INGEST))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining("'Severe'")
        .extracting(e -> ((InvalidEvidenceException) e).reason())
        .isEqualTo("invalid-priority");
  }

  @Test
  void refusesOutputFieldsThatAreNotAnObject() {
    ObjectNode alert = minimalAlert();
    alert.put("output_fields", "proc.name=sh");

    assertThatThrownBy(() -> normalizer.normalize(alert, "c", INGEST))
        .isInstanceOf(InvalidEvidenceException.class)
        .hasMessageContaining("output_fields");
  }

  private RuntimeAlert normalize(String fixture) {
    return normalizer.normalize(reader.read(Fixtures.bytes(fixture)), "prod-eu", INGEST);
  }

  private ObjectNode minimalAlert() {
    ObjectNode alert =
        (ObjectNode)
            reader.read(
                "{\"time\":\"2026-01-01T00:00:00.000000001Z\",\"rule\":\"r\",\"priority\":\"Notice\"}"
                    .getBytes(UTF_8));
    return alert;
  }
}
