package io.palisade.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Everything one run of the harness measured, with what it ran on. */
public record BenchmarkResults(
    LoadSettings settings,
    MachineInfo machine,
    Instant startedAt,
    Duration wallTime,
    List<ScenarioResult> scenarios) {

  public BenchmarkResults {
    scenarios = List.copyOf(scenarios);
  }
}
