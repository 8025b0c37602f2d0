package io.palisade.admission.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.palisade.admission.policy.AdmissionEvaluator;
import io.palisade.admission.policy.AppliedMode;
import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.publish.AdmissionDecisionRecords;
import io.palisade.admission.publish.DecisionPublisher;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.review.AdmissionReview;
import io.palisade.admission.review.AdmissionReviewReader;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Answers one AdmissionReview: read it, evaluate the policies (timed), count the verdict, hand the
 * decision to Kafka unless it is a dry run, and build the response. Publishing is asynchronous: the
 * answer never waits for Kafka. A request of a kind no policy judges ({@link ReviewedKinds}) and in
 * which no policy found anything is allowed and recorded as not applicable.
 */
public final class AdmissionReviewHandler {

  static final String DECISIONS = "palisade.admission.decisions";
  static final String VIOLATIONS = "palisade.admission.violations";
  static final String EVALUATION = "palisade.admission.evaluation";
  private static final Logger log = LoggerFactory.getLogger(AdmissionReviewHandler.class);

  private final AdmissionReviewReader reader;
  private final AdmissionEvaluator evaluator;
  private final AdmissionDecisionRecords records;
  private final DecisionPublisher publisher;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Timer evaluation;
  private final ReviewedKinds reviewedKinds;

  /** A handler that knows the {@link ReviewedKinds#DEFAULT} kinds. */
  public AdmissionReviewHandler(
      AdmissionReviewReader reader,
      AdmissionEvaluator evaluator,
      AdmissionDecisionRecords records,
      DecisionPublisher publisher,
      Clock clock,
      MeterRegistry meters) {
    this(reader, evaluator, records, publisher, clock, meters, ReviewedKinds.DEFAULT);
  }

  /**
   * @param reviewedKinds the kinds a policy judges; others are recorded as not applicable
   */
  public AdmissionReviewHandler(
      AdmissionReviewReader reader,
      AdmissionEvaluator evaluator,
      AdmissionDecisionRecords records,
      DecisionPublisher publisher,
      Clock clock,
      MeterRegistry meters,
      ReviewedKinds reviewedKinds) {
    this.reviewedKinds = reviewedKinds;
    this.reader = reader;
    this.evaluator = evaluator;
    this.records = records;
    this.publisher = publisher;
    this.clock = clock;
    this.meters = meters;
    this.evaluation =
        Timer.builder(EVALUATION)
            .description("Time to evaluate every policy on one AdmissionReview")
            .publishPercentileHistogram()
            .register(meters);
  }

  /**
   * @throws io.palisade.intake.InvalidEvidenceException when the body is not an AdmissionReview
   */
  public AdmissionReviewResponse handle(JsonNode body) {
    Instant receivedAt = clock.instant();
    AdmissionReview review = reader.read(body);
    AdmissionRequest request = review.request();
    long started = System.nanoTime();
    Decision decision = evaluator.evaluate(request);
    long evaluationNanos = System.nanoTime() - started;
    evaluation.record(evaluationNanos, TimeUnit.NANOSECONDS);
    if (decision.violations().isEmpty() && !reviewedKinds.covers(request)) {
      decision = Decision.notApplicable();
    }
    Instant decidedAt = clock.instant();
    report(request, decision);
    if (!request.dryRun()) {
      publisher.publish(
          records.of(
              request,
              decision,
              receivedAt,
              decidedAt,
              TimeUnit.NANOSECONDS.toMicros(evaluationNanos)));
    }
    return AdmissionReviewResponse.of(review, decision);
  }

  private static String action(AppliedMode mode) {
    return switch (mode) {
      case ENFORCE -> "deny";
      case WARN -> "warn";
      case AUDIT -> "audit";
    };
  }

  private static String verdict(Decision decision) {
    if (!decision.details().applicable()) {
      return "not-applicable";
    }
    return decision.allowed() ? "allowed" : "denied";
  }

  /** Counts the verdict and its violations; logs a denial. */
  private void report(AdmissionRequest request, Decision decision) {
    Counter.builder(DECISIONS)
        .description("AdmissionReviews answered, by verdict (allowed, denied, not-applicable)")
        .tag("decision", verdict(decision))
        .tag("resource", request.resource().groupResource())
        .tag("dry.run", String.valueOf(request.dryRun()))
        .register(meters)
        .increment();
    for (Violation violation : decision.violations()) {
      Counter.builder(VIOLATIONS)
          .description(
              "Policy violations found, by policy and whether they denied, warned or were audited")
          .tag("policy", violation.policy())
          .tag("action", action(AppliedMode.of(violation, decision)))
          .register(meters)
          .increment();
    }
    if (!decision.allowed()) {
      log.atInfo()
          .addKeyValue("admission.uid", request.uid())
          .addKeyValue("admission.operation", request.operation())
          .addKeyValue("admission.resource", request.resource().groupResource())
          .addKeyValue("admission.namespace", request.namespace())
          .addKeyValue("admission.name", request.objectName())
          .addKeyValue("admission.user", request.user().username())
          .addKeyValue("admission.dry_run", request.dryRun())
          .log("admission denied: {}", decision.denialMessage());
    }
  }
}
