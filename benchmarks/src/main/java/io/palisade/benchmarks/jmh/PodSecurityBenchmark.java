package io.palisade.benchmarks.jmh;

import io.palisade.admission.policy.AdmissionEvaluator;
import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.pss.CheckFailure;
import io.palisade.admission.pss.PodSecurityEvaluator;
import io.palisade.admission.pss.PodSecurityLevel;
import io.palisade.admission.pss.PodSecurityPolicy;
import io.palisade.admission.pss.PodSecurityVersion;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.review.AdmissionReviewReader;
import io.palisade.benchmarks.workload.AdmissionWorkload;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admission gateway's Pod Security Standards evaluation of a typical pod (one init container,
 * three containers, restricted-compliant, so every check runs to the end) at {@code
 * restricted:latest}, in µs per request:
 *
 * <ul>
 *   <li>{@code podEvaluate}: {@code PodSecurityEvaluator.evaluate} on the parsed pod, what PSA's
 *       4.8 µs (baseline + restricted, KEP-2579) measures;
 *   <li>{@code podReview} / {@code deploymentReview}: {@code PodSecurityPolicy.evaluate} on a
 *       parsed Pod CREATE / Deployment CREATE {@code AdmissionRequest} (finding the pod or
 *       template, then evaluating it);
 *   <li>{@code podDecision} / {@code deploymentDecision}: the gateway's {@code AdmissionEvaluator}
 *       with {@link #policies()} turning the findings into an allow/deny {@code Decision};
 *   <li>{@code podReviewFromBytes}: {@code podDecision} from the request body's bytes (JSON parsing
 *       and reading the AdmissionReview included), i.e. everything but HTTP and the response;
 *   <li>{@code podEvaluateViolating}: the same pod changed to fail six checks (the messages are
 *       built).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PodSecurityBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PodSecurityEvaluator evaluator = new PodSecurityEvaluator();
  private final PodSecurityPolicy restrictedLatest =
      new PodSecurityPolicy(evaluator, PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST);
  private final AdmissionReviewReader reader = new AdmissionReviewReader();
  private final AdmissionEvaluator admission = new AdmissionEvaluator(policies());

  private JsonNode podMetadata;
  private JsonNode podSpec;
  private JsonNode violatingSpec;
  private AdmissionRequest podRequest;
  private AdmissionRequest deploymentRequest;
  private byte[] podBody;

  @Setup
  public void setUp() {
    ObjectNode podReview = AdmissionWorkload.podCreate();
    JsonNode pod = podReview.path("request").path("object");
    podMetadata = pod.path("metadata");
    podSpec = pod.path("spec");
    ObjectNode violating = ((ObjectNode) podSpec).deepCopy();
    violating.put("hostNetwork", true);
    ObjectNode app = (ObjectNode) violating.path("containers").get(0);
    ObjectNode securityContext = (ObjectNode) app.path("securityContext");
    securityContext.put("allowPrivilegeEscalation", true).put("runAsUser", 0);
    securityContext.putObject("capabilities").putArray("add").add("NET_ADMIN");
    violating.remove("securityContext");
    violatingSpec = violating;
    podRequest = reader.read(podReview).request();
    deploymentRequest = reader.read(AdmissionWorkload.deploymentCreate()).request();
    podBody = AdmissionWorkload.bytes(podReview);
    check(restrictedLatest.evaluate(podRequest).isEmpty(), "the typical pod complies");
    check(restrictedLatest.evaluate(deploymentRequest).isEmpty(), "the typical template complies");
    check(podEvaluateViolating().size() == 6, "the violating pod fails six checks");
  }

  /** The policies of the decision benchmarks: Pod Security at restricted:latest. */
  private List<Policy> policies() {
    return List.of(restrictedLatest);
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark set-up is wrong: expected " + what);
    }
  }

  @Benchmark
  public List<CheckFailure> podEvaluate() {
    return evaluator.evaluate(
        PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST, podMetadata, podSpec);
  }

  @Benchmark
  public List<Violation> podReview() {
    return restrictedLatest.evaluate(podRequest);
  }

  @Benchmark
  public List<Violation> deploymentReview() {
    return restrictedLatest.evaluate(deploymentRequest);
  }

  @Benchmark
  public Decision podDecision() {
    return admission.evaluate(podRequest);
  }

  @Benchmark
  public Decision deploymentDecision() {
    return admission.evaluate(deploymentRequest);
  }

  @Benchmark
  public Decision podReviewFromBytes() {
    return admission.evaluate(reader.read(JSON.readTree(podBody)).request());
  }

  @Benchmark
  public List<CheckFailure> podEvaluateViolating() {
    return evaluator.evaluate(
        PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST, podMetadata, violatingSpec);
  }
}
