package io.palisade.admission.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionPolicyFileParserTest {

  private final AdmissionPolicyFileParser parser = new AdmissionPolicyFileParser();

  private static String example() throws IOException {
    try (InputStream in =
        AdmissionPolicyFileParserTest.class.getResourceAsStream("/scope/admission-policy.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private PolicyFileException problem(String yaml) {
    return (PolicyFileException)
        assertThatThrownBy(() -> parser.parse("admission-policy.yaml", yaml))
            .isInstanceOf(PolicyFileException.class)
            .actual();
  }

  @Test
  void readsTheReadmeExample() throws IOException {
    AdmissionPolicyFile file = parser.parse("admission-policy.yaml", example());

    assertThat(file.defaults())
        .isEqualTo(
            NamespaceSecurity.of(
                LevelVersion.BASELINE_LATEST,
                LevelVersion.RESTRICTED_LATEST,
                LevelVersion.RESTRICTED_LATEST));
    assertThat(file.namespaceOverrides().get("payments"))
        .isEqualTo(new PodSecuritySettings("restricted", "v1.30", null, null, null, null));
    assertThat(file.workloads()).isEqualTo(WorkloadEnforcement.ENFORCE);
    assertThat(file.exemptions())
        .extracting(Exemption::name)
        .containsExactly(
            "kube-system-controllers", "gvisor-sandboxes", "legacy-db-images", "sre-break-glass");
    Exemption legacy = file.exemptions().get(2);
    assertThat(legacy.namespaces()).containsExactly("legacy");
    assertThat(legacy.workloadLabels()).containsEntry("app.kubernetes.io/name", "legacy-db");
    assertThat(legacy.policies()).containsExactly("palisade:image-*");
    assertThat(legacy.expires()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    assertThat(file.exemptions().get(0).usernames())
        .contains("system:serviceaccount:kube-system:replicaset-controller");
    // a plain scalar with colons inside a flow sequence stays one string
    assertThat(file.exemptions().get(3).policies()).containsExactly("palisade:interactive-access");
    assertThat(file.exemptions().get(3).groups()).containsExactly("sre:break-glass");
    assertThat(file.defaultPolicyMode()).isEqualTo(PolicyMode.AUDIT);
    // YAML 1.1 would read "off" as the boolean false
    assertThat(file.policies().get("palisade:required-labels").mode()).isEqualTo(PolicyMode.OFF);
    assertThat(file.policies().get("palisade:image-registry").namespaceModes())
        .containsEntry("sandbox", PolicyMode.WARN);
  }

  @Test
  void readmeExampleIsTheFixtureAndParses() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("### The policy file");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String block = readme.substring(start, readme.indexOf("```\n", start));

    assertThat(section).isPositive();
    assertThat(example()).endsWith(block);
    assertThat(parser.parse("README.md", block).exemptions()).hasSize(4);
  }

  @Test
  void keepsPolicySettingsOpaqueWithYamlCoreTypes() throws IOException {
    Map<String, Object> settings =
        parser
            .parse("admission-policy.yaml", example())
            .policies()
            .get("palisade:interactive-access")
            .settings();

    assertThat(settings)
        .containsEntry("protectedNamespaces", List.of("payments"))
        .containsEntry("breakGlassGroups", List.of("sre:break-glass"));
    Map<String, Object> typed =
        parser
            .parse(
                "admission-policy.yaml",
                "policies:\n  palisade:required-labels:\n    settings:\n"
                    + "      podTemplates: true\n      limit: 3\n      mode: off\n")
            .policies()
            .get("palisade:required-labels")
            .settings();
    assertThat(typed)
        .containsEntry("podTemplates", true)
        .containsEntry("limit", 3)
        .as("YAML 1.2 core schema: off is a string")
        .containsEntry("mode", "off");
    assertThatThrownBy(() -> settings.put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void exampleBuildsAScopeThatAnswersTheQuestionsOfTheEvaluator() throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2026-12-15T00:00:00Z"), ZoneOffset.UTC);
    AdmissionScope scope =
        AdmissionScope.from(parser.parse("admission-policy.yaml", example()), clock);

    assertThat(scope.podSecurity().resolve("payments", Map.of()).enforce())
        .isEqualTo(LevelVersion.parse("restricted:v1.30"));
    assertThat(scope.policyModes().modeFor("palisade:container-resources", "payments"))
        .isEqualTo(PolicyMode.ENFORCE);
    assertThat(scope.policyModes().modeFor("palisade:service-type", "payments"))
        .isEqualTo(PolicyMode.AUDIT);
    assertThat(scope.settingsFor("palisade:image-registry")).containsKey("allowedRegistries");
    assertThat(scope.settingsFor("palisade:service-type")).isEmpty();
    RequestFacts breakGlass =
        new RequestFacts("carol", List.of("sre:break-glass"), "payments", "", Map.of());
    // sre-break-glass expired on 2026-12-01
    assertThat(scope.exemptions().match(breakGlass, "palisade:interactive-access")).isEmpty();
    assertThat(scope.exemptions().expired())
        .extracting(Exemption::name)
        .contains("sre-break-glass");
  }

  @Test
  void emptyFileMeansTheBuiltInDefaults() {
    assertThat(parser.parse("admission-policy.yaml", "")).isEqualTo(AdmissionPolicyFile.BUILT_IN);
    assertThat(parser.parse("admission-policy.yaml", "# nothing yet\n"))
        .isEqualTo(AdmissionPolicyFile.BUILT_IN);
  }

  @Test
  void partialDefaultsKeepTheBuiltInValuesForTheRest() {
    AdmissionPolicyFile file =
        parser.parse("admission-policy.yaml", "defaults:\n  enforce: restricted\n");

    assertThat(file.defaults().enforce()).isEqualTo(LevelVersion.RESTRICTED_LATEST);
    assertThat(file.defaults().audit()).isEqualTo(LevelVersion.RESTRICTED_LATEST);
    assertThat(file.defaults().warn()).isEqualTo(LevelVersion.RESTRICTED_LATEST);
    assertThat(file.workloads()).isEqualTo(WorkloadEnforcement.ENFORCE);
  }

  @Test
  void unknownKeyIsAnErrorNamingItsPath() {
    PolicyFileException e = problem("defaults:\n  enfroce: restricted\n");

    assertThat(e.file()).isEqualTo("admission-policy.yaml");
    assertThat(e.path()).isEqualTo("defaults.enfroce");
    assertThat(e.getMessage())
        .isEqualTo(
            "admission-policy.yaml: defaults.enfroce: unknown key (expected one of audit,"
                + " audit-version, enforce, enforce-version, warn, warn-version)");
  }

  @Test
  void invalidLevelOrVersionNamesTheNamespaceEntry() {
    assertThat(problem("namespaces:\n  payments:\n    enforce: strict\n").getMessage())
        .isEqualTo(
            "admission-policy.yaml: namespaces.payments.enforce: \"strict\" is not a level (must"
                + " be one of privileged, baseline, restricted)");
    assertThat(problem("defaults:\n  warn-version: 1.30\n").getMessage())
        .isEqualTo("admission-policy.yaml: defaults.warn-version: expected text, found double 1.3");
  }

  @Test
  void invalidExpiryNamesTheExemption() {
    PolicyFileException e =
        problem(
            "exemptions:\n"
                + "  - name: a\n    namespaces: [x]\n"
                + "  - name: b\n    namespaces: [y]\n    expires: next week\n");

    assertThat(e.path()).isEqualTo("exemptions[1].expires");
    assertThat(e.problem())
        .isEqualTo("\"next week\" is not an ISO-8601 instant (e.g. 2027-01-31T00:00:00Z)");
  }

  @Test
  void dateWithoutTimeIsNotAnInstant() {
    assertThat(
            problem("exemptions:\n  - name: a\n    namespaces: [x]\n    expires: 2027-01-31\n")
                .path())
        .isEqualTo("exemptions[0].expires");
  }

  @Test
  void exemptionsNeedAUniqueNameAndASelector() {
    assertThat(problem("exemptions:\n  - namespaces: [x]\n").getMessage())
        .isEqualTo(
            "admission-policy.yaml: exemptions[0]: an exemption needs a name (it is shown in audit"
                + " records)");
    assertThat(
            problem(
                    "exemptions:\n  - name: a\n    namespaces: [x]\n  - name: a\n    usernames: [u]\n")
                .getMessage())
        .isEqualTo(
            "admission-policy.yaml: exemptions[1]: name \"a\" is used by an earlier exemption");
    assertThat(problem("exemptions:\n  - name: everything\n    reason: why not\n").problem())
        .startsWith("exemption \"everything\" selects nothing");
  }

  @Test
  void wrongShapesAreNamed() {
    assertThat(problem("exemptions:\n  name: a\n").getMessage())
        .isEqualTo("admission-policy.yaml: exemptions: expected a list, found a map");
    assertThat(problem("exemptions:\n  - name: a\n    usernames: alice\n").getMessage())
        .isEqualTo(
            "admission-policy.yaml: exemptions[0].usernames: expected a list, found \"alice\"");
    assertThat(problem("- defaults\n").getMessage())
        .isEqualTo("admission-policy.yaml: expected a map, found a list");
    assertThat(problem("policies:\n  palisade:image-tag:\n    mode: block\n").getMessage())
        .isEqualTo(
            "admission-policy.yaml: policies.palisade:image-tag.mode: \"block\" is not a mode (must"
                + " be one of off, audit, warn, enforce)");
    assertThat(problem("workloads: deny\n").getMessage())
        .isEqualTo("admission-policy.yaml: workloads: \"deny\" must be enforce or warn");
  }

  @Test
  void brokenYamlAndDuplicateKeysAreErrors() {
    assertThat(problem("defaults: [\n").getMessage())
        .startsWith("admission-policy.yaml: not valid YAML: ");
    assertThat(problem("workloads: warn\nworkloads: enforce\n").getMessage())
        .startsWith("admission-policy.yaml: not valid YAML: ")
        .contains("duplicate key");
  }

  @Test
  void exemptionSetsArePlainStrings() {
    AdmissionPolicyFile file =
        parser.parse(
            "admission-policy.yaml",
            "exemptions:\n  - name: a\n    runtimeClasses: [gvisor, kata]\n");
    assertThat(file.exemptions().get(0).runtimeClasses()).isEqualTo(Set.of("gvisor", "kata"));
  }
}
