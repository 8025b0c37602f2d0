package io.palisade.notify.slack;

import io.palisade.notify.receiver.Redactor;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.slack.*}: a Slack incoming webhook. Registered only when {@code url} is
 * set. The whole URL is a secret (its path is the credential): it is only ever shown as its origin.
 *
 * @param url the incoming webhook, {@code https://hooks.slack.com/services/T…/B…/…}
 * @param timeout how long one POST may take
 */
@ConfigurationProperties("palisade.notifier.slack")
public record SlackProperties(URI url, @DefaultValue("10s") Duration timeout) {

  @Override
  public String toString() {
    return "SlackProperties[url="
        + (url == null ? "none" : Redactor.display(url))
        + ", timeout="
        + timeout
        + "]";
  }
}
