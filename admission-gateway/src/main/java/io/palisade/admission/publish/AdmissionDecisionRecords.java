package io.palisade.admission.publish;

import io.palisade.admission.policy.AppliedMode;
import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.review.RequestUser;
import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.PolicyViolation;
import io.palisade.avro.UserInfo;
import io.palisade.intake.Evidence;
import io.palisade.schemas.CloudEvent;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link AdmissionDecision} record for one decided request: id = the request uid, key =
 * {@code cluster/namespace/kind/name}, CloudEvents source {@code
 * /palisade/admission-gateway/<cluster>}. A pure function of its inputs: the request (identity,
 * user, operation, kind, names, owner workload, images, objects) and the decision (verdict, every
 * violation with the mode applied, audit annotations, applicability, exemption, evaluation time).
 */
public final class AdmissionDecisionRecords {

  public static final String SERVICE = "admission-gateway";

  private final String cluster;
  private final URI source;
  private final String eventType;

  /**
   * @param cluster the cluster this gateway admits for
   * @param eventType the CloudEvents type of the admission topic
   */
  public AdmissionDecisionRecords(String cluster, String eventType) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.source = CloudEvent.sourceOf(SERVICE, cluster);
    this.eventType = Objects.requireNonNull(eventType, "eventType");
  }

  /**
   * @param received when the review arrived (the record's ingestTime)
   * @param decided when the verdict was reached (the record's eventTime and CloudEvent time)
   * @param evaluationMicros how long evaluating the policies took
   */
  public Evidence<AdmissionDecision> of(
      AdmissionRequest request,
      Decision decision,
      Instant received,
      Instant decided,
      long evaluationMicros) {
    // the record keeps milliseconds (timestamp-millis); the CloudEvent time must say the same
    Instant receivedAt = received.truncatedTo(ChronoUnit.MILLIS);
    Instant decidedAt = decided.truncatedTo(ChronoUnit.MILLIS);
    String name = request.objectName();
    AdmissionDecision value =
        AdmissionDecision.newBuilder()
            .setId(request.uid())
            .setCluster(cluster)
            .setEventTime(decidedAt)
            .setIngestTime(receivedAt)
            .setOperation(request.operation())
            .setGroup(request.kind().group())
            .setVersion(request.kind().version())
            .setKind(request.kind().kind())
            .setResource(request.resource().resource())
            .setSubResource(emptyToNull(request.subResource()))
            .setNamespace(emptyToNull(request.namespace()))
            .setName(emptyToNull(name))
            .setUser(user(request.user()))
            .setAllowed(decision.allowed())
            .setViolations(decision.violations().stream().map(v -> violation(v, decision)).toList())
            .setWarnings(decision.warnings())
            .setObjectJson(json(request.object()))
            .setOldObjectJson(json(request.oldObject()))
            .setOwner(RecordedObject.owner(request))
            .setImages(RecordedObject.images(request))
            .setMode(label(AppliedMode.overall(decision)))
            .setAuditAnnotations(decision.details().auditAnnotations())
            .setEvaluationMicros(evaluationMicros)
            .setApplicable(decision.details().applicable())
            .setExemption(decision.details().exemption())
            .build();
    String key = String.join("/", cluster, request.namespace(), request.kind().kind(), name);
    return new Evidence<>(
        key, value, new CloudEvent(request.uid(), source, eventType, decidedAt, key));
  }

  private static PolicyViolation violation(Violation violation, Decision decision) {
    return PolicyViolation.newBuilder()
        .setPolicy(violation.policy())
        .setMessage(violation.message())
        .setEnforced(violation.enforced())
        .setControl(control(violation.policy()))
        .setFieldPath(emptyToNull(violation.fieldPath()))
        .setMode(AppliedMode.of(violation, decision).label())
        .build();
  }

  /**
   * The check within the policy: the part of its name after the family prefix ({@code privileged}
   * for {@code pss:privileged}, {@code image-tag} for {@code palisade:image-tag}); null when the
   * name has no prefix.
   */
  static String control(String policy) {
    int colon = policy.indexOf(':');
    return colon < 0 || colon == policy.length() - 1 ? null : policy.substring(colon + 1);
  }

  private static String label(AppliedMode mode) {
    return mode == null ? null : mode.label();
  }

  private static UserInfo user(RequestUser user) {
    return new UserInfo(user.username(), user.uid(), user.groups(), user.extra());
  }

  /** Compact JSON of an object; null when the request carried none (JSON null or absent). */
  private static String json(JsonNode object) {
    return object.isMissingNode() || object.isNull() ? null : object.toString();
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
