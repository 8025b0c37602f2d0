package io.palisade.correlation.scenarios;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.OwnerWorkload;
import io.palisade.avro.PolicyViolation;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.UserInfo;
import io.palisade.schemas.AttackTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.databind.JsonNode;

/**
 * One piece of scenario evidence as the intakes publish it: an audit event as the audit-ingester
 * normalises it, an admission decision as the admission gateway records it, a Falco alert as the
 * runtime-ingester normalises it. Built from one line of a scenario's {@code audit.jsonl}, {@code
 * admission.jsonl} or {@code falco.jsonl}.
 *
 * @param line where it came from ({@code <file>:<line>}), for error messages and ordering ties
 */
record ScenarioEvidence(EvidenceSource source, Instant time, SpecificRecord record, String line) {

  /**
   * The same evidence moved in time by {@code shiftMillis} (benign traffic laid under an attack).
   */
  ScenarioEvidence shifted(long shiftMillis) {
    Instant moved = time.plusMillis(shiftMillis);
    SpecificRecord copy;
    if (record instanceof AuditEvent event) {
      copy = AuditEvent.newBuilder(event).setEventTime(moved).build();
    } else if (record instanceof AdmissionDecision decision) {
      copy =
          AdmissionDecision.newBuilder(decision).setEventTime(moved).setIngestTime(moved).build();
    } else {
      copy = RuntimeAlert.newBuilder((RuntimeAlert) record).setEventTime(moved).build();
    }
    return new ScenarioEvidence(source, moved, copy, line);
  }

  /** The record's own id (the key the intakes' partitioning does not matter for one task). */
  String id() {
    if (record instanceof AuditEvent event) {
      return event.getId();
    }
    if (record instanceof AdmissionDecision decision) {
      return decision.getId();
    }
    return ((RuntimeAlert) record).getId();
  }

  /**
   * A native {@code audit.k8s.io/v1} Event, mapped as the audit-ingester's normaliser does: id =
   * auditID/stage, event time = stageTimestamp (else requestReceivedTimestamp), user and
   * impersonated user with {@code extra}, request and response objects as JSON text.
   */
  static ScenarioEvidence audit(JsonNode event, String cluster, String line) {
    String auditId = required(event, "auditID", line);
    String stage = required(event, "stage", line);
    String verb = required(event, "verb", line);
    if (!event.path("user").isObject()) {
      throw new IllegalArgumentException(line + ": audit event without a 'user' object");
    }
    Instant time = instant(event, List.of("stageTimestamp", "requestReceivedTimestamp"), line);
    JsonNode ref = event.path("objectRef");
    JsonNode impersonated = event.path("impersonatedUser");
    JsonNode code = event.path("responseStatus").path("code");
    Map<String, String> annotations = new LinkedHashMap<>();
    event.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), text(e)));
    AuditEvent record =
        AuditEvent.newBuilder()
            .setId(auditId + "/" + stage)
            .setCluster(cluster)
            .setEventTime(time)
            .setIngestTime(time.plusSeconds(1))
            .setAuditId(auditId)
            .setStage(stage)
            .setLevel(optional(event, "level", "Metadata"))
            .setVerb(verb)
            .setRequestUri(optional(event, "requestURI", ""))
            .setUser(user(event.path("user")))
            .setImpersonatedUser(impersonated.isObject() ? user(impersonated) : null)
            .setSourceIps(strings(event.path("sourceIPs")))
            .setUserAgent(optional(event, "userAgent", null))
            .setObjectRef(
                ref.isObject()
                    ? ObjectReference.newBuilder()
                        .setResource(optional(ref, "resource", null))
                        .setNamespace(optional(ref, "namespace", null))
                        .setName(optional(ref, "name", null))
                        .setUid(optional(ref, "uid", null))
                        .setApiGroup(optional(ref, "apiGroup", null))
                        .setApiVersion(optional(ref, "apiVersion", null))
                        .setResourceVersion(optional(ref, "resourceVersion", null))
                        .setSubresource(optional(ref, "subresource", null))
                        .build()
                    : null)
            .setResponseCode(code.isIntegralNumber() ? code.intValue() : null)
            .setRequestObjectJson(objectJson(event.path("requestObject")))
            .setResponseObjectJson(objectJson(event.path("responseObject")))
            .setAnnotations(annotations)
            .build();
    return new ScenarioEvidence(EvidenceSource.AUDIT, time, record, line);
  }

  private static final Set<String> ADMISSION_FIELDS =
      Set.of(
          "id",
          "eventTime",
          "operation",
          "group",
          "version",
          "kind",
          "resource",
          "subResource",
          "namespace",
          "name",
          "user",
          "allowed",
          "violations",
          "warnings",
          "object",
          "oldObject",
          "owner",
          "images",
          "mode",
          "auditAnnotations",
          "evaluationMicros",
          "applicable",
          "exemption");

  /**
   * An {@code AdmissionDecision} written as JSON with its Avro field names (the Sigma admission
   * view): {@code object}/{@code oldObject} as JSON objects, {@code eventTime} as an ISO instant.
   * Unknown fields are refused, so a typo cannot silently drop a violation.
   */
  static ScenarioEvidence admission(JsonNode decision, String cluster, String line) {
    decision
        .properties()
        .forEach(
            field -> {
              if (!ADMISSION_FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException(
                    line + ": unknown admission decision field '" + field.getKey() + "'");
              }
            });
    if (!decision.path("allowed").isBoolean()) {
      throw new IllegalArgumentException(line + ": 'allowed' must be true or false");
    }
    Instant time = instant(decision, List.of("eventTime"), line);
    List<PolicyViolation> violations = new ArrayList<>();
    for (JsonNode violation : decision.path("violations")) {
      violations.add(
          PolicyViolation.newBuilder()
              .setPolicy(required(violation, "policy", line))
              .setMessage(optional(violation, "message", ""))
              .setEnforced(violation.path("enforced").asBoolean(true))
              .setControl(optional(violation, "control", null))
              .setFieldPath(optional(violation, "fieldPath", null))
              .setMode(optional(violation, "mode", null))
              .build());
    }
    JsonNode owner = decision.path("owner");
    Map<String, String> auditAnnotations = new LinkedHashMap<>();
    decision
        .path("auditAnnotations")
        .properties()
        .forEach(e -> auditAnnotations.put(e.getKey(), text(e)));
    AdmissionDecision record =
        AdmissionDecision.newBuilder()
            .setId(required(decision, "id", line))
            .setCluster(cluster)
            .setEventTime(time)
            .setIngestTime(time)
            .setOperation(required(decision, "operation", line))
            .setGroup(optional(decision, "group", ""))
            .setVersion(optional(decision, "version", ""))
            .setKind(required(decision, "kind", line))
            .setResource(optional(decision, "resource", ""))
            .setSubResource(optional(decision, "subResource", null))
            .setNamespace(optional(decision, "namespace", null))
            .setName(optional(decision, "name", null))
            .setUser(user(decision.path("user")))
            .setAllowed(decision.path("allowed").booleanValue())
            .setViolations(violations)
            .setWarnings(strings(decision.path("warnings")))
            .setObjectJson(objectJson(decision.path("object")))
            .setOldObjectJson(objectJson(decision.path("oldObject")))
            .setOwner(
                owner.isObject()
                    ? new OwnerWorkload(
                        required(owner, "kind", line), required(owner, "name", line))
                    : null)
            .setImages(strings(decision.path("images")))
            .setMode(optional(decision, "mode", null))
            .setAuditAnnotations(auditAnnotations)
            .setEvaluationMicros(
                decision.path("evaluationMicros").isIntegralNumber()
                    ? decision.path("evaluationMicros").longValue()
                    : null)
            .setApplicable(decision.path("applicable").asBoolean(true))
            .setExemption(optional(decision, "exemption", null))
            .build();
    return new ScenarioEvidence(EvidenceSource.ADMISSION, time, record, line);
  }

  /**
   * A Falco {@code json_output} alert, mapped as the runtime-ingester's normaliser does: id = hash
   * of hostname, time, rule and the Falco output fields; namespace, pod, container and image from
   * the container and k8s output fields; severity, tactics and techniques from priority and tags.
   */
  static ScenarioEvidence falco(JsonNode alert, String cluster, String line) {
    String rule = required(alert, "rule", line);
    String priorityText = required(alert, "priority", line);
    Instant time = instant(alert, List.of("time"), line);
    FalcoPriority priority;
    try {
      priority =
          FalcoPriority.valueOf(
              ("info".equalsIgnoreCase(priorityText) ? "informational" : priorityText)
                  .toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          line + ": '" + priorityText + "' is not a Falco priority", e);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    alert
        .path("output_fields")
        .properties()
        .forEach(e -> fields.put(e.getKey(), e.getValue().isNull() ? null : text(e)));
    String hostname = optional(alert, "hostname", "");
    List<String> tags = strings(alert.path("tags"));
    String repository = present(fields.get("container.image.repository"));
    String tag = present(fields.get("container.image.tag"));
    String image =
        repository == null
            ? present(fields.get("container.image"))
            : tag == null ? repository : repository + ":" + tag;
    String container = present(fields.get("container.id"));
    RuntimeAlert record =
        RuntimeAlert.newBuilder()
            .setId(sha256(hostname + "|" + time + "|" + rule + "|" + new TreeMap<>(fields)))
            .setCluster(cluster)
            .setEventTime(time.truncatedTo(ChronoUnit.MILLIS))
            .setEventTimeNanos(time.getNano() % 1_000_000)
            .setIngestTime(time.plusSeconds(1))
            .setRule(rule)
            .setPriority(priority)
            .setSource(optional(alert, "source", "syscall"))
            .setHostname(hostname)
            .setOutput(optional(alert, "output", ""))
            .setTags(tags)
            .setOutputFields(fields)
            .setNamespace(firstPresent(fields.get("k8s.ns.name"), fields.get("k8smeta.ns.name")))
            .setPod(firstPresent(fields.get("k8s.pod.name"), fields.get("k8smeta.pod.name")))
            .setContainerId("host".equals(container) ? null : container)
            .setImage(image)
            .setSeverity(severityOf(priority))
            .setTactics(AttackTags.tacticsOf(tags))
            .setTechniques(AttackTags.techniquesOf(tags))
            .build();
    return new ScenarioEvidence(
        EvidenceSource.RUNTIME, time.truncatedTo(ChronoUnit.MILLIS), record, line);
  }

  private static Severity severityOf(FalcoPriority priority) {
    return switch (priority) {
      case EMERGENCY, ALERT, CRITICAL -> Severity.CRITICAL;
      case ERROR -> Severity.HIGH;
      case WARNING -> Severity.MEDIUM;
      case NOTICE -> Severity.LOW;
      case INFORMATIONAL, DEBUG -> Severity.INFO;
      case UNKNOWN -> Severity.UNKNOWN;
    };
  }

  private static UserInfo user(JsonNode user) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    user.path("extra").properties().forEach(e -> extra.put(e.getKey(), strings(e.getValue())));
    return UserInfo.newBuilder()
        .setUsername(optional(user, "username", ""))
        .setUid(optional(user, "uid", null))
        .setGroups(strings(user.path("groups")))
        .setExtra(extra)
        .build();
  }

  private static Instant instant(JsonNode node, List<String> fields, String line) {
    for (String field : fields) {
      String value = optional(node, field, null);
      if (value != null) {
        try {
          return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException(
              line + ": '" + field + "' is not an ISO instant: " + value, e);
        }
      }
    }
    throw new IllegalArgumentException(line + ": no time field among " + fields);
  }

  private static String required(JsonNode node, String field, String line) {
    String value = optional(node, field, null);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(line + ": missing required field '" + field + "'");
    }
    return value;
  }

  private static String optional(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asString() : fallback;
  }

  private static String text(Map.Entry<String, JsonNode> entry) {
    JsonNode value = entry.getValue();
    return value.isValueNode() ? value.asString() : value.toString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static String objectJson(JsonNode node) {
    return node.isObject() || node.isArray() ? node.toString() : null;
  }

  private static String present(String value) {
    return value == null || value.isBlank() || "<NA>".equals(value) ? null : value;
  }

  private static String firstPresent(String first, String second) {
    return present(first) != null ? first : present(second);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
