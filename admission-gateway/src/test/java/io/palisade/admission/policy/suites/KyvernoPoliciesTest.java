package io.palisade.admission.policy.suites;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static io.palisade.admission.policy.PolicyRequests.yamlDocuments;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.images.ImageRegistryPolicy;
import io.palisade.admission.policy.images.ImageSettings;
import io.palisade.admission.policy.images.ImageTagPolicy;
import io.palisade.admission.policy.labels.LabelRequirement;
import io.palisade.admission.policy.labels.RequiredLabelsPolicy;
import io.palisade.admission.policy.labels.RequiredLabelsSettings;
import io.palisade.admission.policy.resources.ContainerResourcesPolicy;
import io.palisade.admission.policy.resources.ContainerResourcesSettings;
import io.palisade.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Runs the copied Kyverno policy tests ({@code policies/kyverno-policies/best-practices/…}) against
 * the Palisade policy that covers each, configured like the Kyverno policy (mapping in {@code
 * policies/README.md}):
 *
 * <ul>
 *   <li>{@code .kyverno-test/kyverno-test.yaml}: each listed resource of {@code resource.yaml}
 *       gives {@code fail} (at least one finding) or {@code pass}/{@code skip} (none);
 *   <li>{@code .chainsaw-test/*good*.yaml}: every document is admitted; {@code *bad*.yaml}: every
 *       document is refused.
 * </ul>
 */
class KyvernoPoliciesTest {

  private static final String ROOT = "policies/kyverno-policies/best-practices/";

  /** Kyverno policy → the Palisade policy configured like it. */
  private static final Map<String, Supplier<Policy>> POLICIES =
      Map.of(
          "disallow-latest-tag",
          () -> new ImageTagPolicy(ImageSettings.defaults()),
          "restrict-image-registries",
          () ->
              new ImageRegistryPolicy(
                  new ImageSettings(List.of("eu.foo.io/*", "bar.io/*"), Set.of(), List.of())),
          "require-pod-requests-limits",
          () ->
              new ContainerResourcesPolicy(
                  new ContainerResourcesSettings(Set.of("cpu", "memory"), Set.of("memory"))),
          "require-labels",
          () ->
              new RequiredLabelsPolicy(
                  new RequiredLabelsSettings(
                      List.of(LabelRequirement.key("app.kubernetes.io/name")),
                      Set.of("Pod"),
                      true)));

  static Stream<Arguments> kyvernoTestResults() {
    List<Arguments> cases = new ArrayList<>();
    for (String policy : POLICIES.keySet().stream().sorted().toList()) {
      String dir = ROOT + policy + "/.kyverno-test/";
      List<JsonNode> resources = yamlDocuments(dir + "resource.yaml");
      JsonNode test = yaml(Fixtures.text(dir + "kyverno-test.yaml"));
      for (JsonNode result : test.path("results")) {
        for (JsonNode name : result.path("resources")) {
          JsonNode resource =
              resources.stream()
                  .filter(r -> r.path("kind").equals(result.path("kind")))
                  .filter(r -> r.path("metadata").path("name").equals(name))
                  .findFirst()
                  .orElseThrow(() -> new IllegalStateException(policy + ": no resource " + name));
          boolean refused = "fail".equals(result.path("result").stringValue());
          cases.add(
              Arguments.of(
                  policy
                      + " "
                      + result.path("rule").stringValue()
                      + " "
                      + result.path("kind").stringValue()
                      + "/"
                      + name.stringValue()
                      + " -> "
                      + result.path("result").stringValue(),
                  policy,
                  resource,
                  refused));
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> chainsawDocuments() {
    List<Arguments> cases = new ArrayList<>();
    for (String policy : POLICIES.keySet().stream().sorted().toList()) {
      String dir = ROOT + policy + "/.chainsaw-test/";
      for (String file : files(dir)) {
        boolean bad = file.contains("bad");
        if (!bad && !file.contains("good")) {
          continue;
        }
        List<JsonNode> documents = yamlDocuments(dir + file);
        for (int i = 0; i < documents.size(); i++) {
          cases.add(
              Arguments.of(
                  policy + " " + file + "[" + i + "] -> " + (bad ? "refused" : "admitted"),
                  policy,
                  documents.get(i),
                  bad));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"kyvernoTestResults", "chainsawDocuments"})
  void givesKyvernosVerdict(String id, String policy, JsonNode resource, boolean refused) {
    List<Violation> violations = POLICIES.get(policy).get().evaluate(create(resource).build());

    assertThat(violations)
        .extracting(Violation::message)
        .allSatisfy(message -> assertThat(message).hasSizeLessThanOrEqualTo(120));
    if (refused) {
      assertThat(violations).as("findings").isNotEmpty();
    } else {
      assertThat(violations).as("findings").isEmpty();
    }
  }

  private static List<String> files(String resourceDir) {
    try {
      Path dir =
          Path.of(Thread.currentThread().getContextClassLoader().getResource(resourceDir).toURI());
      try (Stream<Path> listing = Files.list(dir)) {
        return listing.map(path -> path.getFileName().toString()).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
