package io.palisade.correlation.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.Signal;
import io.palisade.avro.UserInfo;
import io.palisade.correlation.detect.BuiltInRulePack;
import io.palisade.correlation.detect.DetectionSettings;
import io.palisade.correlation.detect.SigmaRules;
import io.palisade.correlation.sigma.SigmaRuleSet;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.correlation.support.SigmaTopologies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every correlation rule of the built-in pack on its own cases, through the real detection topology
 * (the whole pack loaded as the engine loads it, sliding windows on event time): the events of
 * {@code rules-cases/correlations/<stem>/positive.ndjson}, in order, make the correlation emit its
 * signal; those of {@code negative.ndjson} do not.
 */
class CorrelationCasesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Path> correlationFiles() {
    return RulePack.yamlFiles(RulePack.root().resolve(RulePack.CORRELATIONS_FOLDER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("correlationFiles")
  void firesOnItsPositiveSequenceAndNotOnItsNegativeOne(Path file) {
    String id = correlationId(file);
    Path cases = RulePack.casesRoot().resolve("correlations").resolve(RulePack.stem(file));

    assertThat(signalsOf(cases.resolve("positive.ndjson")))
        .as("%s on its positive sequence", file.getFileName())
        .contains(id);
    assertThat(signalsOf(cases.resolve("negative.ndjson")))
        .as("%s on its negative sequence", file.getFileName())
        .doesNotContain(id);
  }

  /** The rule ids of the signals the pack emits for the events of an NDJSON file, in order. */
  private static List<String> signalsOf(Path events) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SigmaRuleSet pack =
        SigmaRuleSet.load(BuiltInRulePack.read(CorrelationCasesTest.class.getClassLoader()));
    try (DetectionHarness harness =
        SigmaTopologies.harness(
            SigmaRules.fixed(pack, meters), DetectionSettings.defaults(), meters)) {
      for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          harness.audit.pipeInput("k", auditEvent(JSON.readTree(line)));
        }
      }
      List<String> ruleIds = new ArrayList<>();
      for (var record : harness.signals()) {
        Signal signal = record.value();
        ruleIds.add(signal.getRuleId());
      }
      return ruleIds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of the file's correlation document (the others are its base rules). */
  @SuppressWarnings("unchecked")
  private static String correlationId(Path file) {
    try {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      for (Object document : yaml.loadAll(Files.readString(file))) {
        if (document instanceof Map<?, ?> map && map.containsKey("correlation")) {
          return String.valueOf(((Map<String, Object>) map).get("id"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(file + " has no correlation document");
  }

  /** A native audit event as the audit-ingester publishes it (the fields the views read). */
  static AuditEvent auditEvent(JsonNode event) {
    String stage = event.path("stage").asString("ResponseComplete");
    String auditId = event.path("auditID").asString();
    Instant time = Instant.parse(event.path("stageTimestamp").asString());
    JsonNode user = event.path("user");
    List<String> groups = new ArrayList<>();
    user.path("groups").forEach(group -> groups.add(group.asString()));
    List<String> sourceIps = new ArrayList<>();
    event.path("sourceIPs").forEach(ip -> sourceIps.add(ip.asString()));
    Map<String, String> annotations = new LinkedHashMap<>();
    event.path("annotations").forEachEntry((key, value) -> annotations.put(key, value.asString()));
    JsonNode ref = event.path("objectRef");
    return AuditEvent.newBuilder()
        .setId(auditId + "/" + stage)
        .setCluster("demo")
        .setEventTime(time)
        .setIngestTime(time)
        .setAuditId(auditId)
        .setStage(stage)
        .setLevel(event.path("level").asString("Metadata"))
        .setVerb(event.path("verb").asString())
        .setRequestUri(event.path("requestURI").asString(""))
        .setUser(
            UserInfo.newBuilder()
                .setUsername(user.path("username").asString(""))
                .setGroups(groups)
                .build())
        .setSourceIps(sourceIps)
        .setUserAgent(event.path("userAgent").asString(null))
        .setObjectRef(
            ref.isObject()
                ? ObjectReference.newBuilder()
                    .setResource(text(ref, "resource"))
                    .setSubresource(text(ref, "subresource"))
                    .setNamespace(text(ref, "namespace"))
                    .setName(text(ref, "name"))
                    .setApiGroup(text(ref, "apiGroup"))
                    .setApiVersion(text(ref, "apiVersion"))
                    .build()
                : null)
        .setResponseCode(
            event.path("responseStatus").path("code").isNumber()
                ? event.path("responseStatus").path("code").asInt()
                : null)
        .setRequestObjectJson(json(event.get("requestObject")))
        .setResponseObjectJson(json(event.get("responseObject")))
        .setAnnotations(annotations)
        .build();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static String json(JsonNode node) {
    return node == null || node.isNull() ? null : JSON.writeValueAsString(node);
  }
}
