package io.palisade.notify;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Receiver instances and the routing source that cannot work stop the service, saying why. */
class ReceiverValidationTest {

  private static SpringApplicationBuilder app(String... properties) {
    return new SpringApplicationBuilder(AlertNotifierApplication.class)
        .web(WebApplicationType.NONE)
        .properties("spring.config.name=alert-notifier")
        .properties(properties);
  }

  @Test
  void refusesTwoInstancesUnderOneName() {
    SpringApplicationBuilder app =
        app(
            "palisade.notifier.slack.url=http://127.0.0.1:9/a",
            "palisade.notifier.receivers.slack.slack.url=http://127.0.0.1:9/b",
            "palisade.notifier.receivers.webhook.Bad_Name.url=http://127.0.0.1:9/c");

    assertThatThrownBy(app::run)
        .rootCause()
        .hasMessageContaining(
            "receiver name 'slack' is used twice: palisade.notifier.slack and"
                + " palisade.notifier.receivers.slack.slack")
        .hasMessageContaining("a receiver name must be 1-63 lowercase letters");
  }

  @Test
  void refusesAnUnknownReceiverKindOrKey() {
    assertThatThrownBy(app("palisade.notifier.receivers.slak.soc.url=http://127.0.0.1:9/a")::run)
        .hasStackTraceContaining("palisade.notifier.receivers.slak.soc.url");
    assertThatThrownBy(app("palisade.notifier.receivers.slack.soc.uri=http://127.0.0.1:9/a")::run)
        .hasStackTraceContaining("palisade.notifier.receivers.slack.soc.uri");
  }

  @Test
  void refusesARoutingFileAndRoutingPropertiesTogether() {
    SpringApplicationBuilder app =
        app(
            "palisade.notifier.webhook.url=http://127.0.0.1:9/hook",
            "palisade.notifier.routing-file=/nonexistent/routing.yaml",
            "palisade.notifier.routing.receivers[0]=webhook");

    assertThatThrownBy(app::run)
        .rootCause()
        .hasMessageContaining(
            "set palisade.notifier.routing-file or palisade.notifier.routing.*, not both");
  }

  @Test
  void refusesAMissingRoutingFile() {
    SpringApplicationBuilder app =
        app(
            "palisade.notifier.webhook.url=http://127.0.0.1:9/hook",
            "palisade.notifier.routing-file=/nonexistent/routing.yaml");

    assertThatThrownBy(app::run)
        .rootCause()
        .hasMessageContaining("invalid routing file /nonexistent/routing.yaml")
        .hasMessageContaining("cannot read the file: no such file");
  }
}
