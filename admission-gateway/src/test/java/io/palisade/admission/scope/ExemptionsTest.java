package io.palisade.admission.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExemptionsTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String PSS = "pss:pod-security";
  private static final String IMAGES = "palisade:image-registry";

  private static RequestFacts request(String username, String namespace) {
    return new RequestFacts(
        username, List.of("system:authenticated"), namespace, "", Map.of("app", "web"));
  }

  private static Exemption exemption(
      String name,
      Set<String> usernames,
      Set<String> namespaces,
      Map<String, String> labels,
      Set<String> policies,
      Instant expires) {
    return new Exemption(
        name, usernames, Set.of(), namespaces, Set.of(), labels, policies, expires, "test");
  }

  @Test
  void psaStyleUsernameNamespaceAndRuntimeClassExemptionsApplyToEveryPolicy() {
    Exemptions exemptions =
        new Exemptions(
            List.of(
                exemption(
                    "controllers",
                    Set.of("system:serviceaccount:kube-system:rs"),
                    Set.of(),
                    Map.of(),
                    Set.of(),
                    null),
                exemption("kube-system", Set.of(), Set.of("kube-system"), Map.of(), Set.of(), null),
                new Exemption(
                    "gvisor",
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of("gvisor"),
                    Map.of(),
                    Set.of(),
                    null,
                    null)),
            CLOCK);

    assertThat(exemptions.match(request("system:serviceaccount:kube-system:rs", "team-a"), PSS))
        .map(Exemption::name)
        .contains("controllers");
    assertThat(exemptions.match(request("alice", "kube-system"), IMAGES))
        .map(Exemption::name)
        .contains("kube-system");
    RequestFacts sandboxed = new RequestFacts("alice", List.of(), "team-a", "gvisor", Map.of());
    assertThat(exemptions.match(sandboxed, PSS)).map(Exemption::name).contains("gvisor");
    assertThat(exemptions.match(request("alice", "team-a"), PSS)).isEmpty();
  }

  @Test
  void allSelectorsOfOneExemptionMustMatch() {
    Exemptions exemptions =
        new Exemptions(
            List.of(
                exemption(
                    "legacy-db-images",
                    Set.of(),
                    Set.of("legacy"),
                    Map.of("app", "web"),
                    Set.of(IMAGES),
                    null)),
            CLOCK);

    assertThat(exemptions.match(request("alice", "legacy"), IMAGES)).isPresent();
    assertThat(exemptions.match(request("alice", "legacy"), PSS)).isEmpty();
    assertThat(exemptions.match(request("alice", "team-a"), IMAGES)).isEmpty();
    RequestFacts otherApp = new RequestFacts("alice", List.of(), "legacy", "", Map.of("app", "db"));
    assertThat(exemptions.match(otherApp, IMAGES)).isEmpty();
  }

  @Test
  void groupsMatchWhenTheUserIsInAnyListedGroup() {
    Exemptions exemptions =
        new Exemptions(
            List.of(
                new Exemption(
                    "break-glass",
                    Set.of(),
                    Set.of("sre:break-glass", "security:oncall"),
                    Set.of(),
                    Set.of(),
                    Map.of(),
                    Set.of(),
                    null,
                    null)),
            CLOCK);
    RequestFacts oncall =
        new RequestFacts("bob", List.of("dev", "security:oncall"), "team-a", "", Map.of());

    assertThat(exemptions.match(oncall, PSS)).isPresent();
    assertThat(exemptions.match(request("bob", "team-a"), PSS)).isEmpty();
  }

  @Test
  void policyPatternWithTrailingStarCoversAPrefix() {
    Exemptions exemptions =
        new Exemptions(
            List.of(
                exemption(
                    "no-image-rules",
                    Set.of(),
                    Set.of("legacy"),
                    Map.of(),
                    Set.of("palisade:image-*"),
                    null)),
            CLOCK);

    assertThat(exemptions.match(request("alice", "legacy"), "palisade:image-tag")).isPresent();
    assertThat(exemptions.match(request("alice", "legacy"), "palisade:image-digest")).isPresent();
    assertThat(exemptions.match(request("alice", "legacy"), "palisade:required-labels")).isEmpty();
  }

  @Test
  void expiredExemptionNoLongerAppliesButIsReported() {
    Exemption expired =
        exemption("migration", Set.of(), Set.of("legacy"), Map.of(), Set.of(), NOW.minusSeconds(1));
    Exemption current =
        exemption(
            "tomorrow",
            Set.of(),
            Set.of("legacy"),
            Map.of(),
            Set.of(IMAGES),
            NOW.plusSeconds(86_400));
    Exemptions exemptions = new Exemptions(List.of(expired, current), CLOCK);

    assertThat(exemptions.match(request("alice", "legacy"), PSS)).isEmpty();
    assertThat(exemptions.expiredMatches(request("alice", "legacy"), PSS)).containsExactly(expired);
    assertThat(exemptions.match(request("alice", "legacy"), IMAGES)).contains(current);
    assertThat(exemptions.expired()).containsExactly(expired);
    assertThat(current.describe()).isEqualTo("tomorrow (expires 2026-11-29T10:00:00Z)");
  }

  @Test
  void exemptionExpiringExactlyNowHasExpired() {
    Exemption edge = exemption("edge", Set.of(), Set.of("legacy"), Map.of(), Set.of(), NOW);

    assertThat(edge.expiredAt(NOW)).isTrue();
    assertThat(edge.expiredAt(NOW.minusMillis(1))).isFalse();
  }

  @Test
  void firstMatchingExemptionInConfigurationOrderWins() {
    Exemptions exemptions =
        new Exemptions(
            List.of(
                exemption("first", Set.of(), Set.of("legacy"), Map.of(), Set.of(), null),
                exemption("second", Set.of("alice"), Set.of(), Map.of(), Set.of(), null)),
            CLOCK);

    assertThat(exemptions.match(request("alice", "legacy"), PSS))
        .map(Exemption::name)
        .contains("first");
  }

  @Test
  void rejectsExemptionsThatSelectNothingOrShareAName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> exemption("all", Set.of(), Set.of(), Map.of(), Set.of(), null))
        .withMessageContaining("exemption \"all\" selects nothing");
    Exemption one = exemption("dup", Set.of("a"), Set.of(), Map.of(), Set.of(), null);
    Exemption two = exemption("dup", Set.of("b"), Set.of(), Map.of(), Set.of(), null);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Exemptions(List.of(one, two), CLOCK))
        .withMessage("two exemptions are named \"dup\"");
  }
}
