package io.palisade.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.notify.IncidentFixtures;
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
