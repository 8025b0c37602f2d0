package io.palisade.benchmarks.admission;

import io.palisade.benchmarks.MachineInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One run of the admission load.
 *
 * @param settings what was asked for
 * @param machine what it ran on
 * @param started when the run began
 * @param took how long the whole run took
 * @param meanBodyBytes the mean AdmissionReview body size
 * @param gateway {@code POST /validate}
 * @param floor {@code POST /benchmark/allow}: a constant allow behind the same server
 * @param publishOutcomes the gateway's decisions by publishing outcome (published, failed, dropped)
 *     over the whole run
 * @param loadBefore {@code /proc/loadavg} when the run began ("unknown" when not readable)
 * @param loadAfter {@code /proc/loadavg} when it ended
 */
public record AdmissionLoadResults(
    AdmissionLoadSettings settings,
    MachineInfo machine,
    Instant started,
    Duration took,
    int meanBodyBytes,
    EndpointResult gateway,
    EndpointResult floor,
    Map<String, Long> publishOutcomes,
    String loadBefore,
    String loadAfter) {

  public AdmissionLoadResults {
    publishOutcomes = Map.copyOf(publishOutcomes);
  }

  /** Whether every request of every phase was answered with an AdmissionReview. */
  public boolean consistent() {
    return gateway.main().failed() == 0 && floor.main().failed() == 0;
  }
}
