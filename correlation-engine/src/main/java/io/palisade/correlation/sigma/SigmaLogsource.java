package io.palisade.correlation.sigma;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Palisade evidence a Sigma rule can run on, chosen by its {@code logsource} ({@code product:
 * kubernetes} and a {@code service}); each has the JSON view documented in the module README.
 *
 * <p>Each logsource names the two fields its rules are indexed by (see {@link RuleIndex}), and the
 * field aliases that let Sigma field names that are not paths of the view reach the right values.
 */
public enum SigmaLogsource {

  /**
   * {@code service: audit}: a Kubernetes audit {@code Event} in its native JSON ({@code verb},
   * {@code objectRef.resource}, {@code user.username}, {@code responseStatus.code}, {@code
   * requestObject…}). The aliases are the taxonomy names SigmaHQ's Kubernetes rules use for fields
   * an audit event does not have at the top.
   */
  AUDIT(
      "audit",
      "verb",
      "objectRef.resource",
      Map.of(
          "apiGroup", List.of("objectRef.apiGroup"),
          "hostPath",
              List.of(
                  "requestObject.spec.volumes.hostPath",
                  "requestObject.spec.template.spec.volumes.hostPath"),
          "capabilities",
              List.of(
                  "requestObject.spec.containers.securityContext.capabilities.add",
                  "requestObject.spec.initContainers.securityContext.capabilities.add",
                  "requestObject.spec.ephemeralContainers.securityContext.capabilities.add"))),

  /** {@code service: admission}: a Palisade admission decision (AdmissionDecision as JSON). */
  ADMISSION("admission", "operation", "resource", Map.of()),

  /** {@code service: falco}: a Falco alert as Falco's {@code json_output} writes it. */
  FALCO("falco", "source", "rule", Map.of());

  private final String service;
  private final FieldPath primaryIndexField;
  private final FieldPath secondaryIndexField;
  private final Map<String, List<FieldPath>> aliases;

  SigmaLogsource(
      String service,
      String primaryIndexField,
      String secondaryIndexField,
      Map<String, List<String>> aliases) {
    this.service = service;
    this.primaryIndexField = FieldPath.of(primaryIndexField);
    this.secondaryIndexField = FieldPath.of(secondaryIndexField);
    this.aliases =
        Map.copyOf(
            aliases.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream().map(FieldPath::of).toList())));
  }

  /**
   * The {@code logsource.service} value that selects this source (with {@code product:
   * kubernetes}).
   */
  public String service() {
    return service;
  }

  /** The first field rules are indexed by ({@code verb} for audit events). */
  public FieldPath primaryIndexField() {
    return primaryIndexField;
  }

  /** The second field rules are indexed by ({@code objectRef.resource} for audit events). */
  public FieldPath secondaryIndexField() {
    return secondaryIndexField;
  }

  /** The alias table: rule field name to the view paths it reads. */
  public Map<String, List<FieldPath>> aliases() {
    return aliases;
  }

  /** The view paths a rule's field name reads: its alias paths, or the name itself. */
  public List<FieldPath> pathsOf(String fieldName) {
    List<FieldPath> aliased = aliases.get(fieldName);
    return aliased != null ? aliased : List.of(FieldPath.of(fieldName));
  }

  /** The logsource of a {@code service} value, or null when Palisade has no such source. */
  public static SigmaLogsource ofService(String service) {
    for (SigmaLogsource logsource : values()) {
      if (logsource.service.equals(service)) {
        return logsource;
      }
    }
    return null;
  }
}
