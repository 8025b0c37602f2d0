package io.palisade.correlation.support;

import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a Falco JSON alert (a real fixture) into the {@link RuntimeAlert} the runtime-ingester
 * publishes: id = hash of hostname, time, rule and output_fields; namespace, pod, container and
 * image from the k8s/container output fields.
 */
public final class FalcoAlerts {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  public static final Instant INGESTED = Instant.parse("2026-01-01T00:00:00Z");

  private FalcoAlerts() {}

  public static RuntimeAlert fixture(String area, String cluster) {
    return fromJson(Fixtures.text("falco/" + area + "/input.json").strip(), cluster);
  }

  public static RuntimeAlert fromJson(String json, String cluster) {
    JsonNode alert = MAPPER.readTree(json);
    Map<String, String> fields = new LinkedHashMap<>();
    alert
        .path("output_fields")
        .properties()
        .forEach(
            e -> fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    String hostname = text(alert, "hostname", "");
    String rule = text(alert, "rule", "");
    String repository = fields.get("container.image.repository");
    String tag = fields.get("container.image.tag");
    List<String> tags = new ArrayList<>();
    alert.path("tags").forEach(t -> tags.add(t.asString()));
    return RuntimeAlert.newBuilder()
        .setId(sha256(hostname + "|" + text(alert, "time", "") + "|" + rule + "|" + fields))
        .setCluster(cluster)
        .setEventTime(time(alert, fields))
        .setIngestTime(INGESTED)
        .setRule(rule)
        .setPriority(
            FalcoPriority.valueOf(text(alert, "priority", "UNKNOWN").toUpperCase(Locale.ROOT)))
        .setSource(text(alert, "source", "syscall"))
        .setHostname(hostname)
        .setOutput(text(alert, "output", ""))
        .setTags(tags)
        .setOutputFields(fields)
        .setNamespace(fields.get("k8s.ns.name"))
        .setPod(fields.get("k8s.pod.name"))
        .setContainerId(fields.get("container.id"))
        .setImage(repository == null ? null : tag == null ? repository : repository + ":" + tag)
        .build();
  }

  private static Instant time(JsonNode alert, Map<String, String> fields) {
    try {
      return Instant.parse(text(alert, "time", ""));
    } catch (DateTimeParseException e) {
      long nanos = Long.parseLong(fields.getOrDefault("evt.time", "0"));
      return Instant.ofEpochMilli(nanos / 1_000_000);
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : fallback;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
