package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A routing configuration that cannot work stops the service at start, saying why. */
class RoutingValidationTest {

  @Test
  void refusesToStartWithAnInvalidRoutingTree() {
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(AlertNotifierApplication.class)
            .web(org.springframework.boot.WebApplicationType.NONE)
            .properties(
                "spring.config.name=alert-notifier",
                "palisade.notifier.webhook.url=http://127.0.0.1:9/hook",
                "palisade.notifier.routing.receivers[0]=webhook",
                "palisade.notifier.routing.routes[0].name=pager",
                "palisade.notifier.routing.routes[0].matchers[0]=severity>=SEVERE",
                "palisade.notifier.routing.routes[0].receivers[0]=pagerduty");

    assertThatThrownBy(app::run)
        .rootCause()
        .hasMessageContaining("invalid palisade.notifier.routing")
        .hasMessageContaining("route 'root/pager': matcher 'severity>=SEVERE': unknown severity")
        .hasMessageContaining(
            "route 'root/pager': receiver 'pagerduty' is not configured (configured: [webhook])");
  }
}
