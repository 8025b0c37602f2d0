package io.palisade.benchmarks;

import io.palisade.benchmarks.load.CpuMeter.CpuUse;
import io.palisade.benchmarks.load.HttpResult;
import io.palisade.benchmarks.load.ProducerResult;
import io.palisade.benchmarks.workload.Workload;

/**
 * One intake's numbers: the raw producer's rate and the HTTP intake's, in the same run.
 *
 * @param name e.g. {@code audit}
 * @param path the endpoint loaded, e.g. {@code /v1/audit}
 * @param eventsPerRequest evidence records per request
 * @param clients concurrent HTTP clients
 * @param distinctBodies pre-serialised request bodies, sent in turn
 * @param meanBodyBytes mean request body size
 * @param meanRecordBytes mean Kafka record size (key + Avro value)
 * @param baseline the raw producer sending the same records
 * @param baselineCpu CPU use while it did
 * @param http the intake over HTTP
 * @param httpCpu CPU use while it was loaded
 * @param recordsOnTopic records the topic gained during the measured HTTP phase
 */
public record ScenarioResult(
    String name,
    String path,
    String contentType,
    boolean tls,
    int eventsPerRequest,
    int clients,
    int distinctBodies,
    long meanBodyBytes,
    long meanRecordBytes,
    ProducerResult baseline,
    CpuUse baselineCpu,
    HttpResult http,
    CpuUse httpCpu,
    long recordsOnTopic) {

  /** How reports name the intake: the path, and the body format when it is not JSON. */
  public String intake() {
    return Workload.intakeName(path, contentType, tls);
  }

  /** The intake's events/s as a fraction of the raw producer's records/s. */
  public double ratio() {
    return http.eventsPerSecond() / baseline.recordsPerSecond();
  }

  /**
   * The same ratio per CPU-second of this JVM (events per core-second over records per
   * core-second), which discounts what other processes took from the machine in either phase.
   */
  public double ratioPerCpuSecond() {
    return (http.eventsPerSecond() / httpCpu.jvmCores())
        / (baseline.recordsPerSecond() / baselineCpu.jvmCores());
  }

  /** Every accepted event is on the topic, and nothing failed. */
  public boolean consistent() {
    return http.failedRequests() == 0
        && baseline.failures() == 0
        && recordsOnTopic == http.events();
  }
}
