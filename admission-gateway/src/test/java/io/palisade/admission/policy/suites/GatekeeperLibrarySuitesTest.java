package io.palisade.admission.policy.suites;

import static io.palisade.admission.policy.PolicyRequests.create;
import static io.palisade.admission.policy.PolicyRequests.update;
import static io.palisade.admission.policy.PolicyRequests.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.images.ImageDigestPolicy;
import io.palisade.admission.policy.images.ImageRegistryPolicy;
import io.palisade.admission.policy.images.ImageSettings;
import io.palisade.admission.policy.images.ImageTagPolicy;
import io.palisade.admission.policy.labels.LabelRequirement;
import io.palisade.admission.policy.labels.RequiredLabelsPolicy;
import io.palisade.admission.policy.labels.RequiredLabelsSettings;
import io.palisade.admission.policy.resources.ContainerResourcesPolicy;
import io.palisade.admission.policy.resources.ContainerResourcesSettings;
import io.palisade.admission.policy.serviceaccounts.AutomountTokenPolicy;
import io.palisade.admission.policy.serviceaccounts.AutomountTokenSettings;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.testkit.Fixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Runs the copied Gatekeeper-library suites ({@code policies/gatekeeper-library/…/suite.yaml})
 * against the Palisade policy that covers each, with the constraint's parameters mapped onto the
 * policy's settings (mapping documented in {@code policies/README.md}). Every case must give the
 * suite's verdict, except the cases in {@link #DISAGREEMENTS}, which must give the opposite one so
 * that each documented difference stays true.
 */
class GatekeeperLibrarySuitesTest {

  private static final String ROOT = "policies/gatekeeper-library/library/general/";

  /** Suite → the policy built from its constraint. */
  private static final Map<String, Function<JsonNode, Policy>> POLICIES =
      Map.of(
          "allowedrepos",
          c -> new ImageRegistryPolicy(registries(strings(parameters(c).path("repos")))),
          "allowedreposv2",
          c -> new ImageRegistryPolicy(registries(strings(parameters(c).path("allowedImages")))),
          "disallowedtags",
          c ->
              new ImageTagPolicy(
                  new ImageSettings(
                      List.of(),
                      Set.copyOf(strings(parameters(c).path("tags"))),
                      strings(parameters(c).path("exemptImages")))),
          "imagedigests",
          c ->
              new ImageDigestPolicy(
                  new ImageSettings(
                      List.of(), Set.of(), strings(parameters(c).path("exemptImages")))),
          "containerlimits",
          c ->
              new ContainerResourcesPolicy(
                  new ContainerResourcesSettings(
                      Set.of(), amounts(c).keySet(), Map.of(), amounts(c))),
          "containerrequests",
          c ->
              new ContainerResourcesPolicy(
                  new ContainerResourcesSettings(
                      amounts(c).keySet(), Set.of(), amounts(c), Map.of())),
          "containerresources",
          c ->
              new ContainerResourcesPolicy(
                  new ContainerResourcesSettings(
                      Set.copyOf(strings(parameters(c).path("requests"))),
                      Set.copyOf(strings(parameters(c).path("limits"))))),
          "requiredlabels",
          c -> new RequiredLabelsPolicy(requiredLabels(c)),
          "automount-serviceaccount-token",
          c ->
              new AutomountTokenPolicy(
                  new AutomountTokenSettings(
                      Set.copyOf(
                          strings(c.path("spec").path("match").path("excludedNamespaces"))))));

  /** Cases where Palisade differs from Gatekeeper on purpose, with the reason. */
  private static final Map<String, String> DISAGREEMENTS =
      Map.of(
          "automount-serviceaccount-token/automount-serviceaccount-token/update",
          "Gatekeeper skips every UPDATE; like PSA we re-check a pod UPDATE unless it provably"
              + " changes no image (this partial review has no oldObject), so automount=true is"
              + " found");

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String suite : POLICIES.keySet().stream().sorted().toList()) {
      JsonNode suiteYaml = yaml(Fixtures.text(ROOT + suite + "/suite.yaml"));
      for (JsonNode test : suiteYaml.path("tests")) {
        JsonNode constraint =
            yaml(Fixtures.text(ROOT + suite + "/" + test.path("constraint").stringValue()));
        for (JsonNode testCase : test.path("cases")) {
          String id =
              suite
                  + "/"
                  + test.path("name").stringValue()
                  + "/"
                  + testCase.path("name").stringValue();
          cases.add(
              Arguments.of(
                  id,
                  suite,
                  constraint,
                  ROOT + suite + "/" + testCase.path("object").stringValue(),
                  testCase.path("assertions")));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesTheSuitesVerdict(
      String id, String suite, JsonNode constraint, String objectFile, JsonNode assertions) {
    Policy policy = POLICIES.get(suite).apply(constraint);
    List<Violation> violations = policy.evaluate(request(objectFile));

    assertThat(violations)
        .extracting(Violation::message)
        .allSatisfy(message -> assertThat(message).hasSizeLessThanOrEqualTo(120));
    List<String> failed = new ArrayList<>();
    for (JsonNode assertion : assertions) {
      if (!holds(assertion, violations)) {
        failed.add(assertion.toString());
      }
    }
    String found = violations.stream().map(Violation::message).toList().toString();
    if (DISAGREEMENTS.containsKey(id)) {
      assertThat(failed)
          .as("documented difference (%s) no longer shows; found %s", DISAGREEMENTS.get(id), found)
          .isNotEmpty();
    } else {
      assertThat(failed).as("assertions not met; found %s", found).isEmpty();
    }
  }

  @Test
  void everyDocumentedDisagreementIsACaseOfTheSuites() {
    assertThat(cases().map(arguments -> (String) arguments.get()[0]).toList())
        .containsAll(DISAGREEMENTS.keySet());
  }

  /**
   * {@code violations: yes|no|<count>} (default yes), counting only findings whose message matches
   * {@code message} (a regular expression, as in gator) when it is given.
   */
  private static boolean holds(JsonNode assertion, List<Violation> violations) {
    JsonNode expected = assertion.path("violations");
    Pattern message =
        assertion.has("message") ? Pattern.compile(assertion.path("message").stringValue()) : null;
    long count =
        violations.stream()
            .filter(v -> message == null || message.matcher(v.message()).find())
            .count();
    if (expected.isMissingNode()) {
      return count > 0; // gator's default is "yes"
    }
    if (expected.isBoolean()) {
      return expected.booleanValue() ? count > 0 : count == 0;
    }
    if (expected.isString()) {
      return "yes".equals(expected.stringValue()) ? count > 0 : count == 0;
    }
    return count == expected.asInt();
  }

  /**
   * A sample object: a Pod or Namespace CREATE in namespace {@code default} (where the constraints
   * match), or the partial UPDATE AdmissionReview of the {@code update.yaml} samples.
   */
  private static AdmissionRequest request(String objectFile) {
    JsonNode object = yaml(Fixtures.text(objectFile));
    if ("AdmissionReview".equals(object.path("kind").stringValue(""))) {
      JsonNode request = object.path("request");
      return update(request.path("object")).namespace("default").build();
    }
    return create(object).namespace("default").build();
  }

  private static JsonNode parameters(JsonNode constraint) {
    return constraint.path("spec").path("parameters");
  }

  private static ImageSettings registries(List<String> allowed) {
    return new ImageSettings(allowed, Set.of(), List.of());
  }

  /**
   * The {@code cpu}/{@code memory} maxima; a resource with amount "-1" is neither required nor
   * capped (Gatekeeper's "ignore").
   */
  private static Map<String, String> amounts(JsonNode constraint) {
    Map<String, String> maxima = new java.util.HashMap<>();
    for (String resource : List.of("cpu", "memory")) {
      JsonNode amount = parameters(constraint).path(resource);
      if (!amount.isMissingNode() && !"-1".equals(amount.asString())) {
        maxima.put(resource, amount.asString());
      }
    }
    return maxima;
  }

  private static RequiredLabelsSettings requiredLabels(JsonNode constraint) {
    List<LabelRequirement> labels = new ArrayList<>();
    for (JsonNode label : parameters(constraint).path("labels")) {
      labels.add(
          new LabelRequirement(
              label.path("key").stringValue(), label.path("allowedRegex").stringValue("")));
    }
    Set<String> kinds = new HashSet<>();
    for (JsonNode match : constraint.path("spec").path("match").path("kinds")) {
      kinds.addAll(strings(match.path("kinds")));
    }
    return new RequiredLabelsSettings(labels, kinds, false);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.stringValue()));
    return values;
  }
}
