package io.palisade.benchmarks.admission;

import io.palisade.benchmarks.load.CpuMeter.CpuUse;
import java.util.List;

/**
 * What one endpoint did under load.
 *
 * @param name what is measured, e.g. {@code gateway}
 * @param path the endpoint, e.g. {@code /validate}
 * @param main the main phase at the fixed rate
 * @param mainCpu where the processors went during the main phase
 * @param steps the higher rates tried, in order
 * @param highestSustained the highest rate sustained with p99 under the limit (main phase
 *     included), 0 when not even the main rate was
 */
public record EndpointResult(
    String name,
    String path,
    RateResult main,
    CpuUse mainCpu,
    List<RateResult> steps,
    int highestSustained) {

  public EndpointResult {
    steps = List.copyOf(steps);
  }
}
