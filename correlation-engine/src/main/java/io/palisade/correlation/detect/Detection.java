package io.palisade.correlation.detect;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One detection rule over one kind of evidence ({@code AuditEvent}, {@code AdmissionDecision} or
 * {@code RuntimeAlert}). A rule only says what it found; {@link DetectionTopology} turns each
 * {@link Finding} into a {@code Signal} with a stable id, the evidence reference and its times.
 *
 * <p>Rules are pure functions of one record: no state, no I/O, no clock.
 *
 * @param <T> the evidence record type
 */
public interface Detection<T extends SpecificRecord> {

  /** Stable id of the rule, part of every signal id it produces, e.g. {@code audit.pod-exec}. */
  String ruleId();

  /** The evidence type the rule reads. */
  Class<T> evidenceType();

  /** What the rule found in {@code evidence}: usually nothing, sometimes one finding. */
  List<Finding> detect(T evidence);
}
