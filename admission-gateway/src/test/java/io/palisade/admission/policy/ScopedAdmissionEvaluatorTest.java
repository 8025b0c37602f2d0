package io.palisade.admission.policy;

import static io.palisade.admission.AdmissionFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.admission.AdmissionRules;
import io.palisade.admission.namespaces.InMemoryNamespaceLabels;
import io.palisade.admission.pss.PodSecurityEvaluator;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.scope.AdmissionScope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evaluator under a policy file and namespace labels: Pod Security levels per namespace and
 * mode, workloads, exemptions and the modes of Palisade policies, as the running gateway applies
 * them.
 */
class ScopedAdmissionEvaluatorTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);

  private final JsonMapper json = JsonMapper.builder().build();
  private final InMemoryNamespaceLabels namespaces = new InMemoryNamespaceLabels();

  /** A pod baseline admits but restricted does not: no security context at all. */
  private AdmissionRequest plainPod(String namespace, String image) {
    return request(
        review(
            namespace,
            "Pod",
            "pods",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"namespace\":\""
                + namespace
                + "\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\","
                + "\"image\":\""
                + image
                + "\"}]}}"));
  }

  /** A pod that fails baseline: privileged. */
  private AdmissionRequest privilegedPod(String namespace) {
    return request(
        review(
            namespace,
            "Pod",
            "pods",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"debug\",\"namespace\":\""
                + namespace
                + "\"},\"spec\":{\"containers\":[{\"name\":\"debug\",\"image\":\"alpine:3.20\","
                + "\"securityContext\":{\"privileged\":true}}]}}"));
  }

  private AdmissionRequest privilegedDeployment(String namespace) {
    return request(
        review(
            namespace,
            "Deployment",
            "deployments",
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"agent\","
                + "\"namespace\":\""
                + namespace
                + "\"},\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"app\":\"agent\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"agent\",\"image\":\"alpine:3.20\","
                + "\"securityContext\":{\"privileged\":true}}]}}}}"));
  }

  private ObjectNode review(String namespace, String kind, String resource, String object) {
    String group = kind.equals("Deployment") ? "apps" : "";
    return (ObjectNode)
        json.readTree(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
                + "\"uid\":\"u-1\",\"kind\":{\"group\":\""
                + group
                + "\",\"version\":\"v1\",\"kind\":\""
                + kind
                + "\"},\"resource\":{\"group\":\""
                + group
                + "\",\"version\":\"v1\",\"resource\":\""
                + resource
                + "\"},\"namespace\":\""
                + namespace
                + "\",\"operation\":\"CREATE\",\"userInfo\":{\"username\":\"alice\","
                + "\"groups\":[\"dev\",\"system:authenticated\"]},\"object\":"
                + object
                + "}}");
  }

  private AdmissionEvaluator evaluator(String policyFile) {
    AdmissionScope scope =
        AdmissionScope.parser(CLOCK).parse(Path.of("admission-policy.yaml"), policyFile);
    return new AdmissionEvaluator(
        AdmissionRules.following(() -> scope, namespace -> false),
        namespaces,
        new PodSecurityEvaluator());
  }

  @Test
  void theBuiltInDefaultsEnforceBaselineAndWarnAndAuditRestricted() {
    AdmissionEvaluator evaluator = evaluator("");

    Decision plain = evaluator.evaluate(plainPod("team-a", "nginx:1.27"));
    Decision privileged = evaluator.evaluate(privilegedPod("team-a"));

    assertThat(plain.allowed()).isTrue();
    assertThat(plain.warnings())
        .anySatisfy(w -> assertThat(w).startsWith("[pss:allowPrivilegeEscalation] "))
        .anySatisfy(w -> assertThat(w).startsWith("[pss:runAsNonRoot] "));
    assertThat(plain.details().auditAnnotations())
        .containsEntry(AdmissionEvaluator.PSS_ENFORCE_POLICY, "baseline:latest")
        .containsKey(AdmissionEvaluator.PSS_AUDIT);
    assertThat(plain.details().auditAnnotations().get(AdmissionEvaluator.PSS_AUDIT))
        .startsWith("violates PodSecurity \"restricted:latest\": ");
    assertThat(privileged.allowed()).isFalse();
    assertThat(privileged.denialMessage())
        .isEqualTo(
            "pods \"debug\" is forbidden: violates PodSecurity \"baseline:latest\": privileged"
                + " (container \"debug\" must not set securityContext.privileged=true)");
    assertThat(privileged.violations())
        .filteredOn(Violation::enforced)
        .extracting(Violation::policy)
        .containsExactly("pss:privileged");
  }

  @Test
  void namespaceLabelsChooseTheLevelsAndTheFileOverridesWinOverLabels() {
    namespaces.put("strict", Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    namespaces.put("open", Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    AdmissionEvaluator evaluator =
        evaluator(
            """
            namespaces:
              open:
                enforce: privileged
                audit: privileged
                warn: privileged
            """);

    Decision strict = evaluator.evaluate(plainPod("strict", "nginx:1.27"));
    Decision open = evaluator.evaluate(privilegedPod("open"));

    assertThat(strict.allowed()).isFalse();
    assertThat(strict.denialMessage())
        .startsWith("pods \"web\" is forbidden: violates PodSecurity \"restricted:latest\": ");
    assertThat(open.allowed()).isTrue();
    assertThat(open.warnings()).isEmpty();
    assertThat(open.violations())
        .extracting(Violation::policy)
        .noneMatch(policy -> policy.startsWith("pss:"));
  }

  @Test
  void anInvalidLabelIsRecordedAndFallsBackLikePsa() {
    namespaces.put("typo", Map.of("pod-security.kubernetes.io/enforce", "restrictd"));

    Decision decision = evaluator("").evaluate(plainPod("typo", "nginx:1.27"));

    assertThat(decision.allowed()).as("an invalid enforce level means restricted").isFalse();
    assertThat(decision.details().auditAnnotations().get(AdmissionEvaluator.PSS_LABEL_ERRORS))
        .contains("restrictd");
  }

  @Test
  void aWorkloadIsDeniedAtApplyOrOnlyWarnedAsTheFileSays() {
    Decision enforced = evaluator("workloads: enforce").evaluate(privilegedDeployment("team-a"));
    Decision warned = evaluator("workloads: warn").evaluate(privilegedDeployment("team-a"));

    assertThat(enforced.allowed()).isFalse();
    assertThat(enforced.denialMessage()).contains("privileged (container \"agent\"");
    assertThat(warned.allowed()).isTrue();
    assertThat(warned.warnings()).anySatisfy(w -> assertThat(w).startsWith("[pss:privileged] "));
  }

  @Test
  void anExemptedRequestIsAdmittedButStaysVisibleWithTheExemptionsName() {
    AdmissionEvaluator evaluator =
        evaluator(
            """
            exemptions:
              - name: debug-namespace
                namespaces: [debug]
                policies: ["pss:*"]
                reason: the SRE debug namespace
            """);

    Decision decision = evaluator.evaluate(privilegedPod("debug"));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.warnings()).isEmpty();
    assertThat(decision.details().exemption()).isEqualTo("debug-namespace");
    assertThat(decision.details().auditAnnotations())
        .containsEntry(AdmissionEvaluator.EXEMPTED_BY, "debug-namespace");
    assertThat(decision.details().auditOnly())
        .extracting(Violation::policy)
        .contains("pss:privileged");
    assertThat(decision.violations()).extracting(Violation::policy).contains("pss:privileged");
  }

  @Test
  void palisadePoliciesDenyWarnOrAuditInTheirModePerNamespace() {
    AdmissionEvaluator evaluator =
        evaluator(
            """
            defaults:
              enforce: privileged
              audit: privileged
              warn: privileged
            policies:
              palisade:image-tag:
                mode: warn
                namespaces:
                  prod: enforce
            """);

    Decision prod = evaluator.evaluate(plainPod("prod", "nginx:latest"));
    Decision dev = evaluator.evaluate(plainPod("dev", "nginx:latest"));

    assertThat(prod.allowed()).isFalse();
    assertThat(prod.denialMessage()).contains("[palisade:image-tag] spec.containers[0].image");
    assertThat(dev.allowed()).isTrue();
    assertThat(dev.warnings()).anySatisfy(w -> assertThat(w).startsWith("[palisade:image-tag] "));
    assertThat(dev.details().auditOnly())
        .as("policies the file does not list run in the default mode, audit")
        .extracting(Violation::policy)
        .contains("palisade:container-resources", "palisade:automount-token");
    assertThat(dev.details().auditAnnotations().get(AdmissionEvaluator.POLICY_AUDIT))
        .contains("[palisade:container-resources]");
    assertThat(dev.violations())
        .as("digest pinning is opt-in")
        .extracting(Violation::policy)
        .doesNotContain("palisade:image-digest");
  }

  @Test
  void settingsFromTheFileReachThePolicies() {
    AdmissionEvaluator evaluator =
        evaluator(
            """
            defaults:
              enforce: privileged
              audit: privileged
              warn: privileged
            policies:
              palisade:image-registry:
                mode: enforce
                settings:
                  allowedRegistries: [registry.example.com/]
            """);

    assertThat(evaluator.evaluate(plainPod("a", "registry.example.com/web:1.0")).allowed())
        .isTrue();
    assertThat(evaluator.evaluate(plainPod("a", "docker.io/library/nginx:1.27")).allowed())
        .isFalse();
  }

  @Test
  void aWrongSettingRefusesTheWholeFileNamingThePolicyAndKey() {
    AdmissionScope scope =
        AdmissionScope.parser(CLOCK)
            .parse(
                Path.of("admission-policy.yaml"),
                """
                policies:
                  palisade:image-registry:
                    settings:
                      allowedRegistry: [registry.example.com/]
                """);

    assertThatThrownBy(() -> AdmissionRules.compile(scope, namespace -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policies.palisade:image-registry.settings.allowedRegistry")
        .hasMessageContaining("allowedRegistries");
  }

  @Test
  void theModuleReadmesExamplePolicyFileCompiles() throws Exception {
    String example =
        new String(
            getClass().getResourceAsStream("/scope/admission-policy.yaml").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    AdmissionScope scope =
        AdmissionScope.parser(CLOCK).parse(Path.of("admission-policy.yaml"), example);

    assertThat(AdmissionRules.compile(scope, namespace -> false).policyNames())
        .contains("palisade:image-registry", "palisade:interactive-access");
  }
}
