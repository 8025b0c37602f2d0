package io.palisade.notify.config;

import io.palisade.notify.receiver.Receiver;
import io.palisade.notify.receiver.ReceiverId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured receiver instance, in a stable order (by kind as registered in {@link
 * ReceiverRegistrations}, then the single-instance one, then named ones by name). Names are unique
 * across kinds: routes, consumer groups and notification state are keyed by them. Closes the
 * receivers that hold resources (e.g. a Kafka producer) when the context closes.
 */
public final class ConfiguredReceivers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfiguredReceivers.class);

  private final List<Receiver> receivers;

  private ConfiguredReceivers(List<Receiver> receivers) {
    this.receivers = List.copyOf(receivers);
  }

  public List<Receiver> all() {
    return receivers;
  }

  public List<String> names() {
    return receivers.stream().map(Receiver::name).toList();
  }

  public boolean isEmpty() {
    return receivers.isEmpty();
  }

  @Override
  public void close() {
    receivers.forEach(ConfiguredReceivers::closeQuietly);
  }

  private static void closeQuietly(Receiver receiver) {
    if (receiver instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("closing receiver {} failed: {}", receiver.name(), e.toString());
      }
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the instances of every kind; {@link #build()} refuses duplicate names. */
  static final class Builder {

    private final List<Receiver> built = new ArrayList<>();
    private final Map<String, String> configuredAt = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * Adds the instances of one kind.
     *
     * @param kind e.g. {@code slack}
     * @param single the {@code palisade.notifier.<kind>.*} block when it enables the kind, else
     *     null
     * @param named the {@code palisade.notifier.receivers.<kind>.<name>.*} blocks
     * @param factory builds one instance; throws {@link IllegalArgumentException} for a bad one
     */
    <P> Builder add(
        String kind, P single, Map<String, P> named, BiFunction<ReceiverId, P, Receiver> factory) {
      Map<ReceiverId, P> instances = new LinkedHashMap<>();
      if (single != null) {
        instances.put(ReceiverId.single(kind), single);
      }
      for (Map.Entry<String, P> entry : named.entrySet()) {
        try {
          instances.put(ReceiverId.named(kind, entry.getKey()), entry.getValue());
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      instances.forEach(
          (id, properties) -> {
            String earlier = configuredAt.putIfAbsent(id.name(), id.configPrefix());
            if (earlier != null) {
              problems.add(
                  "receiver name '"
                      + id.name()
                      + "' is used twice: "
                      + earlier
                      + " and "
                      + id.configPrefix());
              return;
            }
            try {
              built.add(factory.apply(id, properties));
            } catch (IllegalArgumentException e) {
              problems.add(e.getMessage());
            }
          });
      return this;
    }

    /**
     * @throws IllegalStateException listing every problem (the receivers built so far are closed)
     */
    ConfiguredReceivers build() {
      if (!problems.isEmpty()) {
        built.forEach(ConfiguredReceivers::closeQuietly);
        throw new IllegalStateException(
            "invalid receiver configuration:\n  - " + String.join("\n  - ", problems));
      }
      return new ConfiguredReceivers(built);
    }
  }
}
