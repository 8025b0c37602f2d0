package io.palisade.notify.teams;

import io.palisade.notify.receiver.Redactor;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code palisade.notifier.teams.*}: a Microsoft Teams Workflows webhook. Registered only when
 * {@code url} is set. The URL carries its signature in the query: it is only shown as its origin.
 *
 * @param url the workflow's HTTP trigger URL
 * @param timeout how long one POST may take
 */
@ConfigurationProperties("palisade.notifier.teams")
public record TeamsProperties(URI url, @DefaultValue("10s") Duration timeout) {

  @Override
  public String toString() {
    return "TeamsProperties[url="
        + (url == null ? "none" : Redactor.display(url))
        + ", timeout="
        + timeout
        + "]";
  }
}
