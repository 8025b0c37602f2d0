package io.palisade.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.Incident;
import io.palisade.notify.IncidentFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

  /** exec-reverse-shell: CRITICAL, OPEN, prod-eu, namespace shop, tactics and techniques. */
  private static final RoutingSubject OPEN_CRITICAL =
      RoutingSubject.of(IncidentFixtures.incident("exec-reverse-shell"));

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "severity>=HIGH;true",
        "severity>=critical;true",
        "severity<=HIGH;false",
        "severity=CRITICAL;true",
        "status=open;true",
        "status!=OPEN;false",
        "cluster=prod-eu;true",
        "cluster=~prod-.*;true",
        "cluster!~prod-.*;false",
        "namespace=shop;true",
        "namespace=~sh;false",
        "namespace=~shop|payments;true",
        "namespace!=kube-system;true",
        "tactic=execution;true",
        "tactic!=execution;false",
        "technique=~T1098(\\..*)?;true",
        "rule=falco.reverse-shell;true",
        "rule=k8s.exec.into-pod;true",
        "entity=alice;true",
        "entity=\"203.0.113.7\";true",
        "id=inc-prod-eu-7f3c2a91;true"
      })
  void matchesAsDocumented(String matcher, boolean expected) {
    assertThat(Matcher.parse(matcher).matches(OPEN_CRITICAL)).isEqualTo(expected);
  }

  @Test
  void matchesStorylinesAndEveryRuleOfTheIncidentNotOnlyThoseOnItsTimeline() {
    Incident incident =
        Incident.newBuilder(IncidentFixtures.incident("exec-reverse-shell"))
            .setStoryline("rbac-escalation-then-shell")
            .setStorylines(List.of("exec-then-secret-reads", "rbac-escalation-then-shell"))
            .setRuleCounts(Map.of("k8s.secrets.listed", 40))
            .build();
    RoutingSubject subject = RoutingSubject.of(incident);

    assertThat(Matcher.parse("storyline=exec-then-secret-reads").matches(subject)).isTrue();
    assertThat(Matcher.parse("storyline=~rbac-.*").matches(subject)).isTrue();
    assertThat(Matcher.parse("storyline=privileged-pod-refused-then-escape").matches(subject))
        .isFalse();
    assertThat(Matcher.parse("rule=k8s.secrets.listed").matches(subject)).isTrue();
    assertThat(Matcher.parse("storyline=~.+").matches(OPEN_CRITICAL)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "severity>=SEVERE|unknown severity 'SEVERE'",
        "colour=red|unknown field 'colour'",
        "namespace>=shop|>= only applies to severity",
        "namespace=~(shop|invalid regex",
        "status=CLOSED|status is one of OPEN, RESOLVED, MERGED",
        "just words|is not 'field op value'"
      })
  void refusesBadMatchersWithAClearError(String matcher, String message) {
    assertThatThrownBy(() -> Matcher.parse(matcher))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
