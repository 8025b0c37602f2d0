package io.palisade.runtime.falco;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.InvalidEvidenceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one Falco JSON alert (as {@code http_output} or Falcosidekick sends it) into a {@link
 * RuntimeAlert}. Required are {@code time}, {@code rule} and {@code priority}. Falco's own {@code
 * source: internal} messages are kept with their source; consumers decide what to ignore.
 */
public final class FalcoAlertNormalizer {

  private static final List<String> NAMESPACE_FIELDS = List.of("k8s.ns.name", "k8smeta.ns.name");
  private static final List<String> POD_FIELDS = List.of("k8s.pod.name", "k8smeta.pod.name");

  private final JsonMapper json = JsonMapper.builder().build();

  public RuntimeAlert normalize(JsonNode alert, String cluster, Instant ingestTime) {
    if (!alert.isObject()) {
      throw new InvalidEvidenceException(
          "invalid-body", "a Falco alert must be a JSON object (send json_output: true)");
    }
    String timeText = required(alert, "time");
    String rule = required(alert, "rule");
    String priorityText = required(alert, "priority");
    Instant time =
        FalcoTime.parse(timeText)
            .orElseThrow(
                () ->
                    new InvalidEvidenceException(
                        "invalid-time",
                        "field 'time' is not an ISO-8601 timestamp with offset: '"
                            + timeText
                            + "'"));
    FalcoPriority priority =
        FalcoPriorities.parse(priorityText)
            .orElseThrow(
                () ->
                    new InvalidEvidenceException(
                        "invalid-priority",
                        "field 'priority' is not a Falco priority: '" + priorityText + "'"));
    Map<String, String> fields = outputFields(alert.get("output_fields"));
    String hostname = orEmpty(text(alert.get("hostname")));
    return RuntimeAlert.newBuilder()
        .setId(idOf(hostname, time, rule, fields))
        .setCluster(cluster)
        .setEventTime(time.truncatedTo(ChronoUnit.MILLIS))
        .setEventTimeNanos(time.getNano() % 1_000_000)
        .setIngestTime(ingestTime)
        .setRule(rule)
        .setPriority(priority)
        .setSource(orDefault(text(alert.get("source")), "syscall"))
        .setHostname(hostname)
        .setOutput(orEmpty(text(alert.get("output"))))
        .setTags(strings(alert.get("tags")))
        .setOutputFields(fields)
        .setNamespace(first(fields, NAMESPACE_FIELDS))
        .setPod(first(fields, POD_FIELDS))
        .setContainerId(containerId(fields))
        .setImage(image(fields))
        .build();
  }

  /**
   * Hex SHA-256 of {@code [hostname, time, rule, output_fields]} as compact JSON, with the time in
   * its canonical ISO form and the fields sorted by name: Falco sends no id, and a redelivered
   * alert must get the same one.
   */
  String idOf(String hostname, Instant time, String rule, Map<String, String> fields) {
    ArrayNode canonical = json.createArrayNode();
    canonical.add(hostname).add(time.toString()).add(rule);
    ObjectNode sorted = canonical.addObject();
    new TreeMap<>(fields).forEach(sorted::put);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(json.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Values as text: strings as they are, numbers in decimal, null kept, containers as JSON. */
  private Map<String, String> outputFields(JsonNode node) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return fields;
    }
    if (!node.isObject()) {
      throw new InvalidEvidenceException(
          "invalid-field", "field 'output_fields' must be an object");
    }
    node.forEachEntry((name, value) -> fields.put(name, valueText(value)));
    return fields;
  }

  private String valueText(JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isValueNode()) {
      return value.asString();
    }
    return json.writeValueAsString(value);
  }

  private static String containerId(Map<String, String> fields) {
    String id = present(fields.get("container.id"));
    return "host".equals(id) ? null : id; // Falco's name for "not in a container"
  }

  private static String image(Map<String, String> fields) {
    String repository = present(fields.get("container.image.repository"));
    if (repository == null) {
      return present(fields.get("container.image"));
    }
    String tag = present(fields.get("container.image.tag"));
    return tag == null ? repository : repository + ":" + tag;
  }

  private static String first(Map<String, String> fields, List<String> names) {
    for (String name : names) {
      String value = present(fields.get(name));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Null for values Falco uses to say "unknown". */
  private static String present(String value) {
    return value == null || value.isEmpty() || value.equals("<NA>") ? null : value;
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (item.isValueNode() && !item.isNull()) {
          values.add(item.asString());
        }
      }
    }
    return values;
  }

  private static String required(JsonNode alert, String field) {
    JsonNode node = alert.get(field);
    if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
      throw new InvalidEvidenceException("missing-field", "missing required field '" + field + "'");
    }
    if (!node.isString()) {
      throw new InvalidEvidenceException("invalid-field", "field '" + field + "' must be a string");
    }
    return node.asString();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || !node.isValueNode() ? null : node.asString();
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String orDefault(String text, String fallback) {
    return text == null || text.isEmpty() ? fallback : text;
  }
}
