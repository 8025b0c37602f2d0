package io.palisade.notify.receiver;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which receiver instance this is. Several instances of one kind can be configured (two Slack
 * webhooks, two generic webhooks), each under its own name: the name is what routes refer to, what
 * the delivery log and the metrics show, and what its consumer group ({@code <group>.<name>}), rate
 * limit and notification state are keyed by. The instance configured by the kind's single-instance
 * keys (e.g. {@code palisade.notifier.slack.url}) is named after the kind.
 *
 * @param kind the receiver type, e.g. {@code slack}
 * @param name the instance's name, e.g. {@code slack} or {@code slack-soc}
 * @param configPrefix where its configuration lives, for error messages
 */
public record ReceiverId(String kind, String name, String configPrefix) {

  /** Lowercase letters, digits and inner dashes: safe in group ids, state keys and metric tags. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public ReceiverId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(configPrefix, "configPrefix");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          configPrefix
              + ": a receiver name must be 1-63 lowercase letters, digits or inner dashes, got '"
              + name
              + "'");
    }
  }

  /** The instance of {@code palisade.notifier.<kind>.*}, named after its kind. */
  public static ReceiverId single(String kind) {
    return new ReceiverId(kind, kind, "palisade.notifier." + kind);
  }

  /** The instance of {@code palisade.notifier.receivers.<kind>.<name>.*}. */
  public static ReceiverId named(String kind, String name) {
    return new ReceiverId(kind, name, "palisade.notifier.receivers." + kind + "." + name);
  }

  /** The full name of one of its configuration keys, e.g. {@code palisade.notifier.slack.url}. */
  public String property(String key) {
    return configPrefix + "." + key;
  }
}
