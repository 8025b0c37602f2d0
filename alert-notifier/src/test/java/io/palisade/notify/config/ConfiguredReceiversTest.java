package io.palisade.notify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.notify.receiver.DeliveryResult;
import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverId;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Receiver instances: named after their kind or their own name, unique, rate-limited alone. */
class ConfiguredReceiversTest {

  /** A receiver that only says who it is. */
  record Named(ReceiverId id) implements Receiver {
    @Override
    public String name() {
      return id.name();
    }

    @Override
    public String kind() {
      return id.kind();
    }

    @Override
    public DeliveryResult deliver(io.palisade.avro.Incident incident) {
      throw new UnsupportedOperationException();
    }
  }

  private static Map<String, URI> named(String... names) {
    Map<String, URI> instances = new LinkedHashMap<>();
    for (String name : names) {
      instances.put(name, URI.create("https://hooks.example.com/" + name));
    }
    return instances;
  }

  @Test
  void theSingleInstanceIsNamedAfterItsKindAndNamedOnesByTheirName() {
    List<ReceiverId> ids = new ArrayList<>();
    ConfiguredReceivers receivers =
        ConfiguredReceivers.builder()
            .add(
                "webhook",
                URI.create("https://siem.example.com"),
                Map.of(),
                (id, url) -> {
                  ids.add(id);
                  return new Named(id);
                })
            .add(
                "slack",
                null,
                named("slack-soc", "slack-payments"),
                (id, url) -> {
                  ids.add(id);
                  return new Named(id);
                })
            .build();

    assertThat(receivers.names()).containsExactly("webhook", "slack-soc", "slack-payments");
    assertThat(ids.get(0).configPrefix()).isEqualTo("palisade.notifier.webhook");
    assertThat(ids.get(1).property("url"))
        .isEqualTo("palisade.notifier.receivers.slack.slack-soc.url");
    assertThat(ids.get(1).kind()).isEqualTo("slack");
  }

  @Test
  void refusesDuplicateAndMalformedNamesListingEveryProblem() {
    assertThatThrownBy(
            () ->
                ConfiguredReceivers.builder()
                    .add("slack", URI.create("https://a"), named("slack"), (id, u) -> new Named(id))
                    .add("webhook", null, named("soc", "Bad_Name"), (id, u) -> new Named(id))
                    .add("teams", null, named("soc"), (id, u) -> new Named(id))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "receiver name 'slack' is used twice: palisade.notifier.slack and"
                + " palisade.notifier.receivers.slack.slack")
        .hasMessageContaining(
            "palisade.notifier.receivers.webhook.Bad_Name: a receiver name must be 1-63 lowercase")
        .hasMessageContaining(
            "receiver name 'soc' is used twice: palisade.notifier.receivers.webhook.soc and"
                + " palisade.notifier.receivers.teams.soc");
  }

  @Test
  void anInstanceTakesItsOwnRateLimitElseItsKinds() {
    NotifierProperties notifier =
        new NotifierProperties(
            "g",
            NotifierProperties.StartFrom.EARLIEST,
            null,
            null,
            null,
            null,
            Map.of("slack-payments", 0.5),
            "s",
            "t",
            null,
            null,
            null);

    assertThat(
            NotifierConfiguration.rateLimitOf(
                new Named(ReceiverId.named("slack", "slack-soc")), notifier))
        .isEqualTo(Map.of("slack-soc", 1.0));
    assertThat(
            NotifierConfiguration.rateLimitOf(
                new Named(ReceiverId.named("slack", "slack-payments")), notifier))
        .isEqualTo(Map.of("slack-payments", 0.5));
    assertThat(
            NotifierConfiguration.rateLimitOf(
                new Named(ReceiverId.named("webhook", "siem")), notifier))
        .isEmpty();
  }
}
