package io.palisade.runtime.falco;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.AttackTags;
import java.math.BigDecimal;
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
 * Turns one Falco JSON alert into a {@link RuntimeAlert}: Falco's {@code http_output} and {@code
 * json_output} lines (2021-era ones without {@code source}/{@code hostname}, and falco-rules 4.x
 * ones whose container and Kubernetes fields are only in {@code output_fields}), and
 * Falcosidekick's webhook payload (the same plus a random {@code uuid} and custom fields). Required
 * are {@code time}, {@code rule} and {@code priority}. Falco's {@code source: internal} messages
 * are normalised the same way; {@link InternalMessages} tells them apart.
 */
public final class FalcoAlertNormalizer {

  private static final List<String> NAMESPACE_FIELDS = List.of("k8s.ns.name", "k8smeta.ns.name");
  private static final List<String> POD_FIELDS = List.of("k8s.pod.name", "k8smeta.pod.name");

  /** Where Falcosidekick's per-receipt {@code uuid} is kept; it never takes part in the id. */
  public static final String SIDEKICK_UUID_FIELD = "falcosidekick.uuid";

  /** Falcosidekick's default source when Falco sent none; Falco itself calls it {@code syscall}. */
  private static final String SIDEKICK_SYSCALL_SOURCE = "syscalls";

  /** Decimals with a larger exponent are kept in scientific notation (still exact). */
  private static final int MAX_PLAIN_SCALE = 100;

  private final JsonMapper json = JsonMapper.builder().build();

  /** One digest per thread: looking SHA-256 up for every alert cost more than hashing it. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JVM has SHA-256", e);
            }
          });

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
    JsonNode outputFields = alert.get("output_fields");
    Map<String, String> fields = outputFields(outputFields);
    String hostname = orEmpty(text(alert.get("hostname")));
    String id = idOf(hostname, time, rule, outputFields);
    String uuid = text(alert.get("uuid"));
    if (uuid != null && !uuid.isEmpty()) {
      fields.put(SIDEKICK_UUID_FIELD, uuid);
    }
    List<String> tags = strings(alert.get("tags"));
    return RuntimeAlert.newBuilder()
        .setId(id)
        .setCluster(cluster)
        .setEventTime(time.truncatedTo(ChronoUnit.MILLIS))
        .setEventTimeNanos(time.getNano() % 1_000_000)
        .setIngestTime(ingestTime)
        .setRule(rule)
        .setPriority(priority)
        .setSource(source(text(alert.get("source"))))
        .setHostname(hostname)
        .setOutput(orEmpty(text(alert.get("output"))))
        .setTags(tags)
        .setOutputFields(fields)
        .setNamespace(first(fields, NAMESPACE_FIELDS))
        .setPod(first(fields, POD_FIELDS))
        .setContainerId(containerId(fields))
        .setImage(image(fields))
        .setSeverity(FalcoPriorities.severityOf(priority))
        .setTactics(AttackTags.tacticsOf(tags))
        .setTechniques(AttackTags.techniquesOf(tags))
        .build();
  }

  /**
   * Hex SHA-256 of {@code [hostname, time, rule, output_fields]} as compact JSON. Falco sends no
   * id, and the same alert must get the same one however it arrives: directly from Falco or through
   * Falcosidekick, which re-writes the time without trailing zeros, adds a random {@code uuid} and
   * custom fields, and (before it decoded numbers exactly) rounded large integers to doubles. Hence
   * the canonical form: the time as an ISO instant; of {@code output_fields} only Falco fields,
   * whose names are {@code class.field} (custom fields have no dot), sorted by name; numbers as
   * their double value; strings and nulls as they are; other values as JSON.
   */
  String idOf(String hostname, Instant time, String rule, JsonNode outputFields) {
    ArrayNode canonical = json.createArrayNode();
    canonical.add(hostname).add(time.toString()).add(rule);
    ObjectNode sorted = canonical.addObject();
    if (outputFields != null && outputFields.isObject()) {
      Map<String, JsonNode> falcoFields = new TreeMap<>();
      outputFields.forEachEntry(
          (name, value) -> {
            if (isFalcoField(name)) {
              falcoFields.put(name, canonicalValue(value));
            }
          });
      falcoFields.forEach(sorted::set);
    }
    byte[] digest =
        SHA_256.get().digest(json.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  /** Falco field names are {@code class.field}, e.g. {@code proc.cmdline}, {@code ka.user.name}. */
  private static boolean isFalcoField(String name) {
    return name.indexOf('.') > 0;
  }

  private JsonNode canonicalValue(JsonNode value) {
    if (value.isNumber()) {
      Number number = value.numberValue();
      double rounded = number.doubleValue();
      return Double.isFinite(rounded)
          ? json.getNodeFactory().numberNode(rounded)
          : json.getNodeFactory().stringNode(number.toString());
    }
    if (value.isContainer()) {
      return json.getNodeFactory().stringNode(json.writeValueAsString(value));
    }
    return value;
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
      BigDecimal decimal = value.decimalValue();
      // plain text for the numbers Falco writes; a huge exponent would expand to a huge string
      return Math.abs(decimal.scale()) <= MAX_PLAIN_SCALE
          ? decimal.toPlainString()
          : decimal.toString();
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

  /** {@code syscall} when missing (2021-era Falco) or Falcosidekick's {@code syscalls}. */
  private static String source(String text) {
    return text == null || text.isEmpty() || text.equals(SIDEKICK_SYSCALL_SOURCE)
        ? "syscall"
        : text;
  }
}
