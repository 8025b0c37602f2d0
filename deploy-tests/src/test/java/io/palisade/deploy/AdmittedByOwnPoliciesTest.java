package io.palisade.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.AdmissionPolicies;
import io.palisade.admission.PalisadePolicySettings;
import io.palisade.admission.policy.AdmissionEvaluator;
import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.images.ImageDigestPolicy;
import io.palisade.admission.policy.images.ImageSettings;
import io.palisade.admission.policy.labels.LabelRequirement;
import io.palisade.admission.policy.labels.RequiredLabelsSettings;
import io.palisade.admission.pss.PodSecurityEvaluator;
import io.palisade.admission.pss.PodSecurityLevel;
import io.palisade.admission.pss.PodSecurityPolicy;
import io.palisade.admission.pss.PodSecurityVersion;
import io.palisade.admission.pss.PodTemplateMode;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.admission.review.GroupVersionKind;
import io.palisade.admission.review.GroupVersionResource;
import io.palisade.admission.review.RequestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * We eat our own cooking: every object the overlays deploy is sent, as the API server would send
 * its CREATE, through the admission-gateway's own evaluator with its Pod Security Standards engine
 * at the level and version Palisade's namespace enforces ({@code restricted}, read from the
 * Namespace's {@code pod-security.kubernetes.io/enforce} labels, with pod templates enforced like
 * pods) and the Palisade policies (images from palisade/ without :latest, resources, automount off,
 * required labels, Service types, RBAC), and must be admitted without a single finding.
 */
class AdmittedByOwnPoliciesTest {

  static final List<String> KUSTOMIZATIONS = Manifests.KUSTOMIZATIONS;

  private static final RequestUser DEPLOYER =
      new RequestUser(
          "system:serviceaccount:argocd:argocd-application-controller",
          "",
          List.of("system:serviceaccounts", "system:authenticated"),
          Map.of());

  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration");

  static AdmissionEvaluator evaluator() {
    PalisadePolicySettings defaults = PalisadePolicySettings.defaults();
    PalisadePolicySettings settings =
        new PalisadePolicySettings(
            new ImageSettings(List.of("palisade/"), Set.of("latest"), List.of()),
            defaults.resources(),
            new RequiredLabelsSettings(
                List.of(new LabelRequirement("app.kubernetes.io/part-of", "palisade")),
                defaults.labels().kinds(),
                true),
            defaults.automountToken(),
            defaults.serviceType(),
            defaults.roleBindings(),
            defaults.roles(),
            defaults.interactiveAccess());
    ObjectNode namespace = Manifests.of("base").get("Namespace", "palisade");
    PodSecurityLevel level =
        PodSecurityLevel.parse(label(namespace, "pod-security.kubernetes.io/enforce"));
    PodSecurityVersion version =
        PodSecurityVersion.parse(label(namespace, "pod-security.kubernetes.io/enforce-version"));
    // Image digests: the README's advice is to keep this policy off until the pipeline pins
    // digests; Palisade's images are tagged by version (deploy/images/README.md).
    List<Policy> policies =
        Stream.of(
                Stream.<Policy>of(
                    new PodSecurityPolicy(
                        new PodSecurityEvaluator(), level, version, PodTemplateMode.ENFORCE)),
                AdmissionPolicies.all().stream(),
                AdmissionPolicies.palisade(settings, name -> false).stream()
                    .filter(policy -> !(policy instanceof ImageDigestPolicy)))
            .flatMap(Function.identity())
            .toList();
    return new AdmissionEvaluator(policies);
  }

  @Test
  void palisadesNamespaceEnforcesRestricted() {
    ObjectNode namespace = Manifests.of("base").get("Namespace", "palisade");

    assertThat(label(namespace, "pod-security.kubernetes.io/enforce")).isEqualTo("restricted");
    assertThat(PodSecurityLevel.parse(label(namespace, "pod-security.kubernetes.io/enforce")))
        .isEqualTo(PodSecurityLevel.RESTRICTED);
  }

  @ParameterizedTest
  @FieldSource("KUSTOMIZATIONS")
  void everyBuiltInObjectIsAdmittedWithoutFindings(String kustomization) {
    AdmissionEvaluator evaluator = evaluator();
    List<String> findings = new ArrayList<>();
    int reviewed = 0;
    for (ObjectNode object : Manifests.of(kustomization).all()) {
      String apiVersion = object.path("apiVersion").stringValue("");
      if (apiVersion.startsWith("kafka.strimzi.io/") || apiVersion.startsWith("cert-manager.io/")) {
        continue; // custom resources: no Palisade policy judges them
      }
      Decision decision = evaluator.evaluate(create(object));
      reviewed++;
      decision.violations().forEach(v -> findings.add(Manifests.name(object) + ": " + v));
      assertThat(decision.allowed())
          .as(object.path("kind") + " " + Manifests.name(object))
          .isTrue();
    }
    assertThat(reviewed).isGreaterThan(20);
    assertThat(findings).isEmpty();
  }

  @Test
  void theEvaluatorDoesJudgeTheManifests() {
    ObjectNode deployment = Manifests.of("base").get("Deployment", "audit-ingester").deepCopy();
    ObjectNode container =
        (ObjectNode)
            deployment.path("spec").path("template").path("spec").path("containers").path(0);
    ((ObjectNode) container.path("securityContext")).put("privileged", true);
    ((ObjectNode) container.path("securityContext")).put("allowPrivilegeEscalation", true);
    container.put("image", "palisade/audit-ingester:latest");

    Decision decision = evaluator().evaluate(create(deployment));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.violations())
        .extracting(violation -> violation.policy())
        .contains("pss:privileged", "pss:allowPrivilegeEscalation", "palisade:image-tag");
  }

  private static String label(ObjectNode object, String key) {
    return object.path("metadata").path("labels").path(key).stringValue("");
  }

  private static AdmissionRequest create(ObjectNode object) {
    String apiVersion = object.path("apiVersion").stringValue("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String kind = object.path("kind").stringValue("");
    String namespace =
        CLUSTER_SCOPED.contains(kind)
            ? ""
            : object.path("metadata").path("namespace").stringValue("");
    return new AdmissionRequest(
        "deploy-" + kind + "-" + Manifests.name(object),
        new GroupVersionKind(group, version, kind),
        new GroupVersionResource(group, version, plural(kind)),
        "",
        Manifests.name(object),
        namespace,
        "CREATE",
        DEPLOYER,
        object,
        MissingNode.getInstance(),
        false);
  }

  private static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    return lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
  }
}
