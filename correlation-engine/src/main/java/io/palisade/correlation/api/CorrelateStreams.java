package io.palisade.correlation.api;

import io.palisade.avro.Incident;
import io.palisade.correlation.correlate.IncidentView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The incident view as Kafka Streams exposes it to interactive queries: this instance's local part,
 * and which instances hold which part (from their {@code application.server}). While the correlate
 * application is not running (starting, rebalancing without known owners, restoring the view,
 * stopped) both answer {@link ApiException} 503 {@code not-ready}.
 */
public final class CorrelateStreams {

  private final Supplier<KafkaStreams> streams;
  private final HostInfo self;

  /**
   * @param streams the correlate application's Kafka Streams, or null before it exists
   * @param self this instance's advertised {@code application.server}
   */
  public CorrelateStreams(Supplier<KafkaStreams> streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  public HostInfo self() {
    return self;
  }

  /** Who holds the view now. */
  public ViewHolders holders() {
    KafkaStreams running = ready();
    Collection<StreamsMetadata> metadata;
    try {
      metadata = running.streamsMetadataForStore(IncidentView.STORE);
    } catch (RuntimeException e) {
      throw notReady("the owners of the incident view are not known yet");
    }
    if (metadata.isEmpty()) {
      throw notReady("no instance holds the incident view yet");
    }
    boolean local = false;
    List<HostInfo> peers = new ArrayList<>();
    long advertisingSelf = metadata.stream().filter(m -> m.hostInfo().equals(self)).count();
    if (advertisingSelf > 1) {
      // they would all answer "local" for one another: a list would silently lack their parts
      throw ApiException.unavailable(
          "misconfigured",
          advertisingSelf
              + " instances advertise the same address "
              + self.host()
              + ":"
              + self.port()
              + "; set palisade.correlation.advertised-address to each instance's own host:port");
    }
    for (StreamsMetadata instance : metadata) {
      if (instance.topicPartitions().isEmpty()) {
        continue;
      }
      if (instance.hostInfo().equals(self)) {
        local = true;
      } else {
        peers.add(instance.hostInfo());
      }
    }
    return new ViewHolders(local, peers);
  }

  /** This instance's part of the view (all its active partitions). */
  public ReadOnlyKeyValueStore<String, Incident> localView() {
    KafkaStreams running = ready();
    try {
      ReadOnlyKeyValueStore<String, Incident> store =
          running.store(
              StoreQueryParameters.fromNameAndType(
                  IncidentView.STORE, QueryableStoreTypes.keyValueStore()));
      return new GuardedStore(store);
    } catch (InvalidStateStoreException e) {
      throw notReady("the incident view is being restored or moved: " + e.getMessage());
    }
  }

  private KafkaStreams ready() {
    KafkaStreams running = streams.get();
    if (running == null) {
      throw notReady("the correlate application has not started");
    }
    KafkaStreams.State state = running.state();
    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
      throw notReady("the correlate application is " + state);
    }
    return running;
  }

  private static ApiException notReady(String why) {
    return ApiException.unavailable("not-ready", why + "; try again shortly");
  }

  /** Turns a store that moves away in the middle of a query into a 503, not a 500. */
  private record GuardedStore(ReadOnlyKeyValueStore<String, Incident> store)
      implements ReadOnlyKeyValueStore<String, Incident> {

    @Override
    public Incident get(String key) {
      try {
        return store.get(key);
      } catch (InvalidStateStoreException e) {
        throw notReady("the incident view is being restored or moved: " + e.getMessage());
      }
    }

    @Override
    public org.apache.kafka.streams.state.KeyValueIterator<String, Incident> range(
        String from, String to) {
      try {
        return store.range(from, to);
      } catch (InvalidStateStoreException e) {
        throw notReady("the incident view is being restored or moved: " + e.getMessage());
      }
    }

    @Override
    public org.apache.kafka.streams.state.KeyValueIterator<String, Incident> all() {
      try {
        return store.all();
      } catch (InvalidStateStoreException e) {
        throw notReady("the incident view is being restored or moved: " + e.getMessage());
      }
    }

    @Override
    public long approximateNumEntries() {
      return store.approximateNumEntries();
    }
  }
}
