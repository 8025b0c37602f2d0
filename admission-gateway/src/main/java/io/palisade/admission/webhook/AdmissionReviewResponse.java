package io.palisade.admission.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.ShortText;
import io.palisade.admission.review.AdmissionReview;
import java.util.List;
import java.util.Map;

/**
 * The webhook's answer: an AdmissionReview in the request's apiVersion whose {@code response.uid}
 * echoes {@code request.uid}. A denial carries a 403 {@code status} whose message lists every
 * enforced violation; an allowed request the warnings (each cut to {@value #MAX_WARNING_LENGTH}
 * characters); both the decision's audit annotations. A validating webhook never returns a patch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdmissionReviewResponse(String apiVersion, String kind, Response response) {

  /**
   * Longest warning sent. The API documentation asks for warnings under 120 characters; past its
   * 4096-rune budget the API server cuts each to 256, and short ones leave room for the others.
   */
  static final int MAX_WARNING_LENGTH = ShortText.MAX_MESSAGE;

  /**
   * @param auditAnnotations recorded by the API server in its audit event as {@code
   *     <webhook-name>/<key>}; absent when there are none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Response(
      String uid,
      boolean allowed,
      Status status,
      List<String> warnings,
      Map<String, String> auditAnnotations) {}

  /** A {@code metav1.Status}; only read by the API server when the request is denied. */
  public record Status(String status, int code, String reason, String message) {

    static Status forbidden(String message) {
      return new Status("Failure", 403, "Forbidden", message);
    }
  }

  static AdmissionReviewResponse of(AdmissionReview review, Decision decision) {
    Map<String, String> annotations = decision.details().auditAnnotations();
    Map<String, String> auditAnnotations = annotations.isEmpty() ? null : annotations;
    Response response =
        decision.allowed()
            ? new Response(
                review.request().uid(), true, null, warnings(decision.warnings()), auditAnnotations)
            : new Response(
                review.request().uid(),
                false,
                Status.forbidden(decision.denialMessage()),
                null,
                auditAnnotations);
    return new AdmissionReviewResponse(review.apiVersion(), review.kind(), response);
  }

  private static List<String> warnings(List<String> warnings) {
    if (warnings.isEmpty()) {
      return null;
    }
    return warnings.stream().map(w -> ShortText.cut(w, MAX_WARNING_LENGTH)).toList();
  }
}
