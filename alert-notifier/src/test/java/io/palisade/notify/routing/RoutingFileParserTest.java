package io.palisade.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingFileParserTest {

  @Test
  void readsTheSameStructureAsTheProperties() {
    RouteSpec root =
        RoutingFileParser.parse(
            """
            receivers: [webhook]
            repeat-interval: 4h
            routes:
              - name: shop
                matchers: ["namespace=~shop|payments"]
                receivers: [slack-payments]
                continue: true
                routes:
                  - name: page-out-of-hours
                    matchers: ["severity>=HIGH", "status=OPEN"]
                    receivers: [pagerduty]
                    repeat-interval: PT30M
                    active-time: ["Mon-Fri 18:00-08:00 Europe/Paris", "Sat,Sun"]
              - matchers: ["rule=k8s.exec.into-pod"]
                receivers: [kafka-topic]
            """);

    assertThat(root.name()).isEqualTo("root");
    assertThat(root.receivers()).containsExactly("webhook");
    assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(4));
    RouteSpec shop = root.routes().get(0);
    assertThat(shop.continueMatching()).isTrue();
    assertThat(shop.matchers()).containsExactly("namespace=~shop|payments");
    RouteSpec pager = shop.routes().get(0);
    assertThat(pager.repeatInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(pager.activeTime()).containsExactly("Mon-Fri 18:00-08:00 Europe/Paris", "Sat,Sun");
    assertThat(root.routes().get(1).name()).isNull();
    assertThat(root.routes().get(1).continueMatching()).isFalse();
  }

  @Test
  void readsSpringStyleAndIsoDurations() {
    assertThat(RoutingFileParser.duration("500ms", "x")).isEqualTo(Duration.ofMillis(500));
    assertThat(RoutingFileParser.duration("45s", "x")).isEqualTo(Duration.ofSeconds(45));
    assertThat(RoutingFileParser.duration("30m", "x")).isEqualTo(Duration.ofMinutes(30));
    assertThat(RoutingFileParser.duration("1d", "x")).isEqualTo(Duration.ofDays(1));
    assertThat(RoutingFileParser.duration("PT1H30M", "x")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void namesWhereInTheFileEachProblemIs() {
    List.of(
            List.of(
                "receivers: [webhook]\nroutes:\n  - repeat-interval: soon\n",
                "routes[0].repeat-interval: 'soon' is not a duration"),
            List.of(
                "receivers: [webhook]\nroutes:\n  - continue: on\n",
                "routes[0].continue: expected true or false, got 'on'"),
            List.of(
                "receivers: [webhook]\nroutes:\n  - routes:\n      - recievers: [x]\n",
                "routes[0].routes[0]: unknown key 'recievers'"),
            List.of("receivers: webhook\n", "receivers: expected a list, got 'webhook'"),
            List.of("palisade:\n  notifier: {}\n", "(top level): unknown key 'palisade'"),
            List.of("", "the file is empty"),
            List.of("receivers: [a]\nreceivers: [b]\n", "not valid YAML"))
        .forEach(
            bad ->
                assertThatThrownBy(() -> RoutingFileParser.parse(bad.get(0)))
                    .as(bad.get(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(bad.get(1)));
  }
}
