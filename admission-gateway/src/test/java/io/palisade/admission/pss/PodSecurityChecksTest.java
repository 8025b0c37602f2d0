package io.palisade.admission.pss;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.pss.PodSecurityLevel.BASELINE;
import static io.palisade.admission.pss.PodSecurityLevel.PRIVILEGED;
import static io.palisade.admission.pss.PodSecurityLevel.RESTRICTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The exact PSA wording of each check on pods with several offending containers (the upstream
 * fixtures have one at a time), and the versioned behaviour around each version boundary.
 */
class PodSecurityChecksTest {

  private static final PodSecurityVersion LATEST = PodSecurityVersion.LATEST;

  private final PodSecurityEvaluator evaluator = new PodSecurityEvaluator();

  /** A pod from JSON written with single quotes. */
  private static JsonNode pod(String json) {
    return JSON.readTree(json.replace('\'', '"'));
  }

  private List<String> messages(PodSecurityLevel level, PodSecurityVersion version, String json) {
    JsonNode pod = pod(json);
    return evaluator.evaluate(level, version, pod.path("metadata"), pod.path("spec")).stream()
        .map(CheckFailure::message)
        .toList();
  }

  private List<String> baseline(String json) {
    return messages(BASELINE, LATEST, json);
  }

  @Test
  void privilegedNamesInitRegularAndEphemeralContainersInThatOrder() {
    assertThat(
            baseline(
                "{'spec': {'containers': [{'name': 'app', 'securityContext': {'privileged': true}}],"
                    + " 'initContainers': [{'name': 'init', 'securityContext': {'privileged': true}}],"
                    + " 'ephemeralContainers': [{'name': 'debug', 'securityContext':"
                    + " {'privileged': true}}]}}"))
        .containsExactly(
            "privileged (containers \"init\", \"app\", \"debug\" must not set"
                + " securityContext.privileged=true)");
  }

  @Test
  void hostNamespacesListsEachSharedNamespace() {
    assertThat(
            baseline(
                "{'spec': {'hostNetwork': true, 'hostPID': true, 'hostIPC': true,"
                    + " 'containers': [{'name': 'a'}]}}"))
        .containsExactly("host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)");
  }

  @Test
  void hostProcessNamesThePodAndTheContainers() {
    assertThat(
            baseline(
                "{'spec': {'securityContext': {'windowsOptions': {'hostProcess': true}},"
                    + " 'containers': [{'name': 'a', 'securityContext': {'windowsOptions':"
                    + " {'hostProcess': true}}}]}}"))
        .containsExactly(
            "hostProcess (pod and container \"a\" must not set"
                + " securityContext.windowsOptions.hostProcess=true)");
  }

  @Test
  void baselineCapabilitiesListTheNonDefaultOnesSortedOnce() {
    assertThat(
            baseline(
                "{'spec': {'containers': ["
                    + "{'name': 'a', 'securityContext': {'capabilities': {'add': ['SYS_ADMIN', 'CHOWN']}}},"
                    + "{'name': 'b', 'securityContext': {'capabilities': {'add': ['NET_ADMIN',"
                    + " 'SYS_ADMIN']}}},"
                    + "{'name': 'c', 'securityContext': {'capabilities': {'add': ['KILL']}}}]}}"))
        .containsExactly(
            "non-default capabilities (containers \"a\", \"b\" must not include \"NET_ADMIN\","
                + " \"SYS_ADMIN\" in securityContext.capabilities.add)");
  }

  @Test
  void hostPortsAreSortedAsTextLikeGo() {
    assertThat(
            baseline(
                "{'spec': {'containers': ["
                    + "{'name': 'a', 'ports': [{'containerPort': 80, 'hostPort': 8080}]},"
                    + "{'name': 'b', 'ports': [{'containerPort': 81, 'hostPort': 10000},"
                    + " {'containerPort': 82, 'hostPort': 0}]}]}}"))
        .containsExactly("hostPort (containers \"a\", \"b\" use hostPorts 10000, 8080)");
  }

  @Test
  void hostPathVolumesAreNamed() {
    assertThat(
            baseline(
                "{'spec': {'containers': [{'name': 'a'}], 'volumes': [{'name': 'root', 'hostPath':"
                    + " {'path': '/'}}, {'name': 'tmp', 'emptyDir': {}}]}}"))
        .containsExactly("hostPath volumes (volume \"root\")");
  }

  @Test
  void appArmorNamesFieldValuesThenAnnotationsQuotedAsUpstream() {
    assertThat(
            baseline(
                "{'metadata': {'annotations': {"
                    + "'container.apparmor.security.beta.kubernetes.io/a': 'unconfined',"
                    + "'container.apparmor.security.beta.kubernetes.io/b': 'localhost/custom'}},"
                    + " 'spec': {'securityContext': {'appArmorProfile': {'type': 'Unconfined'}},"
                    + " 'containers': [{'name': 'a'}, {'name': 'b'}]}}"))
        .containsExactly(
            "forbidden AppArmor profiles (pod and annotation must not set AppArmor profile type to"
                + " \"Unconfined\","
                + " \"container.apparmor.security.beta.kubernetes.io/a=\\\"unconfined\\\"\")");
  }

  @Test
  void seLinuxOptionsSaysWhatIsForbidden() {
    assertThat(
            baseline(
                "{'spec': {'securityContext': {'seLinuxOptions': {'user': 'system_u'}},"
                    + " 'containers': [{'name': 'a', 'securityContext': {'seLinuxOptions':"
                    + " {'type': 'spc_t', 'role': 'sysadm_r'}}}]}}"))
        .containsExactly(
            "seLinuxOptions (pod and container \"a\" set forbidden securityContext.seLinuxOptions:"
                + " type \"spc_t\"; user may not be set; role may not be set)");
  }

  @ParameterizedTest(name = "container_engine_t at {0}: allowed={1}")
  @CsvSource({"v1.30, false", "v1.31, true", "latest, true"})
  void containerEngineTypeIsAllowedFromV131(String version, boolean allowed) {
    assertThat(
            messages(
                BASELINE,
                PodSecurityVersion.parse(version),
                "{'spec': {'containers': [{'name': 'a', 'securityContext': {'seLinuxOptions':"
                    + " {'type': 'container_engine_t'}}}]}}"))
        .hasSize(allowed ? 0 : 1);
  }

  @ParameterizedTest(name = "{0} at {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "baseline   | v1.34  | procMount (container \"a\" must not set securityContext.procMount to \"Unmasked\")",
        "baseline   | v1.35  | ''",
        "baseline   | latest | ''",
        "restricted | v1.34  | procMount (container \"a\" must not set securityContext.procMount to \"Unmasked\")",
        "restricted | latest | procMount (container \"a\" must not set securityContext.procMount to \"Unmasked\")"
      })
  void unmaskedProcMountInAUserNamespaceIsBaselineFromV135ButNeverRestricted(
      String level, String version, String expected) {
    List<String> failures =
        messages(
                PodSecurityLevel.parse(level),
                PodSecurityVersion.parse(version),
                "{'spec': {'hostUsers': false, 'securityContext': {'runAsNonRoot': true,"
                    + " 'seccompProfile': {'type': 'RuntimeDefault'}}, 'containers': [{'name': 'a',"
                    + " 'securityContext': {'procMount': 'Unmasked', 'allowPrivilegeEscalation':"
                    + " false, 'capabilities': {'drop': ['ALL']}}}]}}")
            .stream()
            .filter(message -> message.startsWith("procMount"))
            .toList();
    assertThat(failures).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
  }

  @Test
  void restrictedReportsProcMountRestrictedInsteadOfTheBaselineCheckFromV135() {
    assertThat(evaluator.checkIds(RESTRICTED, PodSecurityVersion.v1(34)))
        .contains("procMount")
        .doesNotContain("procMount_restricted");
    assertThat(evaluator.checkIds(RESTRICTED, PodSecurityVersion.v1(35)))
        .contains("procMount_restricted")
        .doesNotContain("procMount");
  }

  @Test
  void seccompAnnotationsAreCheckedUpToV118() {
    String pod =
        "{'metadata': {'annotations': {'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',"
            + " 'container.seccomp.security.alpha.kubernetes.io/a': 'unconfined',"
            + " 'container.seccomp.security.alpha.kubernetes.io/b': 'docker/default'}},"
            + " 'spec': {'containers': [{'name': 'a'}, {'name': 'b'}]}}";
    assertThat(messages(BASELINE, PodSecurityVersion.v1(18), pod))
        .containsExactly(
            "seccompProfile (forbidden annotations"
                + " container.seccomp.security.alpha.kubernetes.io/a=\"unconfined\","
                + " seccomp.security.alpha.kubernetes.io/pod=\"unconfined\")");
    assertThat(messages(BASELINE, PodSecurityVersion.v1(19), pod)).isEmpty();
  }

  @Test
  void seccompFieldsAreCheckedFromV119() {
    assertThat(
            baseline(
                "{'spec': {'securityContext': {'seccompProfile': {'type': 'Unconfined'}},"
                    + " 'containers': [{'name': 'a', 'securityContext': {'seccompProfile': {'type':"
                    + " 'Unconfined'}}}, {'name': 'b'}]}}"))
        .containsExactly(
            "seccompProfile (pod and container \"a\" must not set securityContext.seccompProfile.type"
                + " to \"Unconfined\")");
  }

  @ParameterizedTest(name = "{0} at {1}: allowed={2}")
  @CsvSource({
    "net.ipv4.ip_local_reserved_ports, v1.26, false",
    "net.ipv4.ip_local_reserved_ports, v1.27, true",
    "net.ipv4.tcp_keepalive_time, v1.28, false",
    "net.ipv4.tcp_keepalive_time, v1.29, true",
    "net.ipv4.tcp_rmem, v1.31, false",
    "net.ipv4.tcp_rmem, v1.32, true",
    "net.ipv4.tcp_notsent_lowat, v1.36, false",
    "net.ipv4.tcp_notsent_lowat, v1.37, true",
    "net.ipv4.tcp_notsent_lowat, v1.40, true",
    "kernel.msgmax, latest, false"
  })
  void sysctlAllowListGrowsWithTheVersion(String sysctl, String version, boolean allowed) {
    assertThat(
            messages(
                BASELINE,
                PodSecurityVersion.parse(version),
                "{'spec': {'securityContext': {'sysctls': [{'name': '"
                    + sysctl
                    + "', 'value':"
                    + " '1'}]}, 'containers': [{'name': 'a'}]}}"))
        .isEqualTo(allowed ? List.of() : List.of("forbidden sysctls (" + sysctl + ")"));
  }

  @Test
  void hostProbesNameContainersAndHostsSorted() {
    assertThat(
            baseline(
                "{'spec': {'containers': ["
                    + "{'name': 'z', 'livenessProbe': {'httpGet': {'host': 'metadata.internal',"
                    + " 'port': 80}}},"
                    + "{'name': 'a', 'lifecycle': {'preStop': {'tcpSocket': {'host': '10.0.0.1',"
                    + " 'port': 22}}}, 'readinessProbe': {'httpGet': {'host': '', 'port': 80}}}]}}"))
        .containsExactly(
            "probe or lifecycle host (containers \"a\", \"z\" use probe or lifecycle hosts"
                + " \"10.0.0.1\", \"metadata.internal\")");
  }

  /** A pod that satisfies restricted:latest, to which one test adds one fault. */
  private static final String RESTRICTED_POD =
      "{'spec': {%s 'securityContext': {'runAsNonRoot': true, 'seccompProfile': {'type':"
          + " 'RuntimeDefault'}}, 'containers': [{'name': 'a', 'securityContext':"
          + " {'allowPrivilegeEscalation': false, 'capabilities': {'drop': ['ALL']}}}%s]}}";

  private List<String> restricted(PodSecurityVersion version, String podFields, String container) {
    return messages(RESTRICTED, version, String.format(RESTRICTED_POD, podFields, container));
  }

  @Test
  void theRestrictedTemplatePodComplies() {
    assertThat(restricted(LATEST, "", "")).isEmpty();
  }

  @Test
  void restrictedVolumesNameEachBadVolumeAndType() {
    assertThat(
            restricted(
                LATEST,
                "'volumes': [{'name': 'h', 'hostPath': {'path': '/'}}, {'name': 'n', 'nfs':"
                    + " {'server': 'x', 'path': '/'}}, {'name': 'c', 'configMap': {'name': 'x'}},"
                    + " {'name': 'x', 'someFutureVolume': {}}, {'name': 'defaulted'}],",
                ""))
        .containsExactly(
            "restricted volume types (volumes \"h\", \"n\", \"x\" use restricted volume types"
                + " \"hostPath\", \"nfs\", \"unknown\")");
  }

  @Test
  void allowPrivilegeEscalationMustBeExplicitlyFalseFromV18() {
    String unset = ", {'name': 'b', 'securityContext': {'capabilities': {'drop': ['ALL']}}}";
    assertThat(restricted(PodSecurityVersion.v1(7), "", unset)).isEmpty();
    assertThat(restricted(PodSecurityVersion.v1(8), "", unset))
        .containsExactly(
            "allowPrivilegeEscalation != false (container \"b\" must set"
                + " securityContext.allowPrivilegeEscalation=false)");
  }

  @ParameterizedTest(name = "windows pod at {0}: failures={1}")
  @CsvSource({"v1.24, 3", "v1.25, 0", "latest, 0"})
  void windowsPodsAreExemptFromThreeRestrictedChecksFromV125(String version, int failures) {
    assertThat(
            messages(
                RESTRICTED,
                PodSecurityVersion.parse(version),
                "{'spec': {'os': {'name': 'windows'}, 'securityContext': {'runAsNonRoot': true},"
                    + " 'containers': [{'name': 'a'}]}}"))
        .hasSize(failures);
  }

  @Test
  void runAsNonRootReportsExplicitFalseBeforeMissingValues() {
    assertThat(
            messages(
                RESTRICTED,
                LATEST,
                "{'spec': {'securityContext': {'runAsNonRoot': false, 'seccompProfile': {'type':"
                    + " 'RuntimeDefault'}}, 'containers': [{'name': 'a', 'securityContext':"
                    + " {'runAsNonRoot': false, 'allowPrivilegeEscalation': false, 'capabilities':"
                    + " {'drop': ['ALL']}}}, {'name': 'b', 'securityContext':"
                    + " {'allowPrivilegeEscalation': false, 'capabilities': {'drop': ['ALL']}}}]}}"))
        .containsExactly(
            "runAsNonRoot != true (pod and container \"a\" must not set"
                + " securityContext.runAsNonRoot=false)");
  }

  @Test
  void runAsNonRootAsksForTheMissingValue() {
    assertThat(
            messages(
                RESTRICTED,
                LATEST,
                "{'spec': {'securityContext': {'seccompProfile': {'type': 'RuntimeDefault'}},"
                    + " 'containers': [{'name': 'a', 'securityContext': {'runAsNonRoot': true,"
                    + " 'allowPrivilegeEscalation': false, 'capabilities': {'drop': ['ALL']}}},"
                    + " {'name': 'b', 'securityContext': {'allowPrivilegeEscalation': false,"
                    + " 'capabilities': {'drop': ['ALL']}}}]}}"))
        .containsExactly(
            "runAsNonRoot != true (pod or container \"b\" must set"
                + " securityContext.runAsNonRoot=true)");
  }

  @ParameterizedTest(name = "runAsUser 0 at {0}, hostUsers {1}: failures={2}")
  @CsvSource({
    "v1.22, true, 0",
    "v1.23, true, 1",
    "v1.34, false, 1",
    "v1.35, false, 0",
    "latest, true, 1"
  })
  void runAsUserZeroIsForbiddenFromV123OutsideUserNamespacesFromV135(
      String version, boolean hostUsers, int failures) {
    List<String> messages =
        restricted(
            PodSecurityVersion.parse(version),
            "'hostUsers': " + hostUsers + ", ",
            ", {'name': 'b', 'securityContext': {'runAsUser': 0, 'allowPrivilegeEscalation': false,"
                + " 'capabilities': {'drop': ['ALL']}}}");
    assertThat(messages).hasSize(failures);
    if (failures == 1) {
      assertThat(messages)
          .containsExactly("runAsUser=0 (container \"b\" must not set runAsUser=0)");
    }
  }

  @Test
  void restrictedCapabilitiesJoinBothProblems() {
    assertThat(
            restricted(
                LATEST,
                "",
                ", {'name': 'b', 'securityContext': {'allowPrivilegeEscalation': false,"
                    + " 'capabilities': {'add': ['NET_BIND_SERVICE', 'NET_RAW']}}},"
                    + " {'name': 'c', 'securityContext': {'allowPrivilegeEscalation': false}}"))
        .containsExactly(
            "unrestricted capabilities (containers \"b\", \"c\" must set"
                + " securityContext.capabilities.drop=[\"ALL\"]; container \"b\" must not include"
                + " \"NET_RAW\" in securityContext.capabilities.add)");
  }

  @Test
  void restrictedCapabilitiesReplaceTheBaselineCheckFromV122() {
    String netRaw =
        ", {'name': 'b', 'securityContext': {'allowPrivilegeEscalation': false, 'capabilities':"
            + " {'drop': ['ALL'], 'add': ['NET_RAW']}}}";
    assertThat(restricted(PodSecurityVersion.v1(21), "", netRaw))
        .containsExactly(
            "non-default capabilities (container \"b\" must not include \"NET_RAW\" in"
                + " securityContext.capabilities.add)");
    assertThat(restricted(PodSecurityVersion.v1(22), "", netRaw))
        .containsExactly(
            "unrestricted capabilities (container \"b\" must not include \"NET_RAW\" in"
                + " securityContext.capabilities.add)");
  }

  @Test
  void restrictedSeccompNeedsAProfileOnThePodOrEveryContainer() {
    assertThat(
            messages(
                RESTRICTED,
                LATEST,
                "{'spec': {'securityContext': {'runAsNonRoot': true}, 'containers': [{'name': 'a',"
                    + " 'securityContext': {'seccompProfile': {'type': 'Localhost',"
                    + " 'localhostProfile': 'p.json'}, 'allowPrivilegeEscalation': false,"
                    + " 'capabilities': {'drop': ['ALL']}}}, {'name': 'b', 'securityContext':"
                    + " {'allowPrivilegeEscalation': false, 'capabilities': {'drop': ['ALL']}}}]}}"))
        .containsExactly(
            "seccompProfile (pod or container \"b\" must set securityContext.seccompProfile.type to"
                + " \"RuntimeDefault\" or \"Localhost\")");
  }

  @Test
  void failuresComeBaselineSortedThenRestrictedSortedAsPsaOrdersThem() {
    assertThat(evaluator.checkIds(RESTRICTED, LATEST))
        .containsExactly(
            "appArmorProfile",
            "hostNamespaces",
            "hostPorts",
            "hostProbesAndHostLifecycle",
            "privileged",
            "seLinuxOptions",
            "sysctls",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "procMount_restricted",
            "restrictedVolumes",
            "runAsNonRoot",
            "runAsUser",
            "seccompProfile_restricted");
    assertThat(evaluator.checkIds(BASELINE, PodSecurityVersion.v1(0)))
        .containsExactly(
            "appArmorProfile",
            "capabilities_baseline",
            "hostNamespaces",
            "hostPathVolumes",
            "hostPorts",
            "privileged",
            "procMount",
            "seLinuxOptions",
            "seccompProfile_baseline",
            "sysctls",
            "windowsHostProcess");
    assertThat(evaluator.checkIds(RESTRICTED, PodSecurityVersion.v1(0)))
        .endsWith("windowsHostProcess", "restrictedVolumes", "runAsNonRoot")
        .doesNotContain("hostPathVolumes");
  }

  @Test
  void privilegedRunsNoCheck() {
    String everythingWrong =
        "{'spec': {'hostNetwork': true, 'containers': [{'name': 'a', 'securityContext':"
            + " {'privileged': true}}]}}";
    assertThat(messages(PRIVILEGED, LATEST, everythingWrong)).isEmpty();
    assertThat(evaluator.checkIds(PRIVILEGED, LATEST)).isEmpty();
  }

  @Test
  void aMissingSpecIsAnEmptyPodNotACrash() {
    JsonNode missing = JSON.missingNode();
    assertThat(evaluator.evaluate(RESTRICTED, LATEST, missing, missing)).isEmpty();
    assertThat(messages(RESTRICTED, LATEST, "{'spec': {'containers': 'not-a-list'}}")).isEmpty();
  }

  @Test
  void theDenyMessageIsWordedLikePsa() {
    List<CheckFailure> failures =
        List.of(
            new CheckFailure("hostNamespaces", "host namespaces", "hostPID=true"),
            new CheckFailure("x", "reason without detail", ""));
    assertThat(
            PodSecurityEvaluator.forbiddenMessage(RESTRICTED, PodSecurityVersion.v1(30), failures))
        .isEqualTo(
            "violates PodSecurity \"restricted:v1.30\": host namespaces (hostPID=true), reason"
                + " without detail");
  }
}
