package io.palisade.admission.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.palisade.admission.policy.Decision;
import io.palisade.admission.review.AdmissionReview;
import java.util.List;

/**
 * The webhook's answer: an AdmissionReview in the request's apiVersion whose {@code response.uid}
 * echoes {@code request.uid}. A validating webhook never returns a patch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdmissionReviewResponse(String apiVersion, String kind, Response response) {

  /** Longest warning sent: the API server cuts warnings to 256 runes once its budget is spent. */
  static final int MAX_WARNING_LENGTH = 256;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Response(String uid, boolean allowed, Status status, List<String> warnings) {}

  /** A {@code metav1.Status}; only read by the API server when the request is denied. */
  public record Status(String status, int code, String reason, String message) {

    static Status forbidden(String message) {
      return new Status("Failure", 403, "Forbidden", message);
    }
  }

  static AdmissionReviewResponse of(AdmissionReview review, Decision decision) {
    Response response =
        decision.allowed()
            ? new Response(review.request().uid(), true, null, warnings(decision.warnings()))
            : new Response(
                review.request().uid(), false, Status.forbidden(decision.denialMessage()), null);
    return new AdmissionReviewResponse(review.apiVersion(), review.kind(), response);
  }

  private static List<String> warnings(List<String> warnings) {
    if (warnings.isEmpty()) {
      return null;
    }
    return warnings.stream()
        .map(
            w ->
                w.length() <= MAX_WARNING_LENGTH
                    ? w
                    : w.substring(0, MAX_WARNING_LENGTH - 3) + "...")
        .toList();
  }
}
