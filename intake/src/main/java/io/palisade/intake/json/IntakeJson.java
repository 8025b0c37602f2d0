package io.palisade.intake.json;

import io.palisade.intake.IntakeEndpointProperties.Limits;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers intake readers parse requests with: Jackson with Palisade's {@link Limits}. A
 * violation is answered with a stable reason: {@code too-deeply-nested} (400) beyond {@code
 * max-depth}, {@code event-too-large} (413) for a string longer than {@code max-event-size}, {@code
 * body-too-large} (413) for a document longer than {@code max-body-size}, {@code number-too-long} /
 * {@code name-too-long} (400). Each reader takes a mapper of its own (not Boot's bean), so that
 * {@code spring.jackson.*} settings cannot change what is parsed.
 */
public final class IntakeJson {

  /** Longer numbers are not data anyone sends: Kubernetes quantities are strings. */
  static final int MAX_NUMBER_LENGTH = 256;

  /** Field names are short in every real input (Kubernetes keys are at most 317 characters). */
  static final int MAX_NAME_LENGTH = 4096;

  private IntakeJson() {}

  /** A builder with the limits applied, for readers that add features of their own. */
  public static JsonMapper.Builder builder(Limits limits) {
    return JsonMapper.builder(
        JsonFactory.builder().streamReadConstraints(constraints(limits)).build());
  }

  /** A mapper with the limits applied. */
  public static JsonMapper mapper(Limits limits) {
    return builder(limits).build();
  }

  static StreamReadConstraints constraints(Limits limits) {
    return new IntakeReadConstraints(
        limits.maxDepth(),
        limits.maxBodySize().toBytes(),
        MAX_NUMBER_LENGTH,
        (int) Math.min(Integer.MAX_VALUE, limits.maxEventSize().toBytes()),
        MAX_NAME_LENGTH);
  }
}
