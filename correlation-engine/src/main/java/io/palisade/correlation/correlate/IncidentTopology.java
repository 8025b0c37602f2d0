package io.palisade.correlation.correlate;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.Signal;
import io.palisade.schemas.PalisadeTopics;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Stage 2, stateful: signals (keyed by cluster, in event time) become incidents keyed by incident
 * id, every change emitted whole with an increasing version; analysts' actions (keyed by cluster,
 * co-partitioned with the signals) change them too. Both sources feed processors of one
 * sub-topology sharing four persistent, changelogged stores whose keys all start with the cluster:
 *
 * <ul>
 *   <li>{@value #INCIDENT_STORE}: open incidents, and resolved ones within their reopen window, by
 *       id;
 *   <li>{@value #ENTITY_INDEX_STORE}: for each linking entity, which incident it occurred in and
 *       when (a window store, so old occurrences age out after the retention; see {@link
 *       EntityIndex});
 *   <li>{@value #SEEN_SIGNALS_STORE}: the signal ids already counted (a window store too);
 *   <li>{@value #SUPPRESSION_STORE}: false-positive suppressions (rule and entity → until), removed
 *       by the sweep once over.
 * </ul>
 *
 * <p>The stores come with the signal processor ({@link ProcessorSupplier#stores()}), so the
 * topology is complete whether it is built here or handed to the Spring Cloud Stream binder as a
 * function.
 */
public final class IncidentTopology {

  public static final String SERVICE = "correlation-engine";
  public static final String INCIDENT_STORE = "palisade-incidents";
  public static final String ENTITY_INDEX_STORE = "palisade-incident-entity-index";
  public static final String SEEN_SIGNALS_STORE = "palisade-incident-seen-signals";
  public static final String SUPPRESSION_STORE = "palisade-incident-suppressions";

  /** Index entries are points in time; a window store needs some size, the smallest will do. */
  private static final Duration POINT = Duration.ofMillis(1);

  private final PalisadeTopics topics;
  private final CorrelationSettings settings;
  private final boolean inMemory;

  public IncidentTopology(PalisadeTopics topics, CorrelationSettings settings) {
    this(topics, settings, false);
  }

  private IncidentTopology(PalisadeTopics topics, CorrelationSettings settings, boolean inMemory) {
    this.topics = topics;
    this.settings = settings;
    this.inMemory = inMemory;
  }

  /**
   * The same topology with in-memory stores instead of RocksDB (still changelogged): for tests and
   * benchmarks that push millions of records through a TopologyTestDriver, which commits, and so
   * flushes RocksDB, after every record.
   */
  public IncidentTopology inMemory() {
    return new IncidentTopology(topics, settings, true);
  }

  public CorrelationSettings settings() {
    return settings;
  }

  /**
   * Reads the signals (in event time) and actions topics and writes the incidents topic, keeping
   * the latest version of every incident in the {@link IncidentView}.
   */
  public static void build(
      StreamsBuilder builder, PalisadeTopics topics, CorrelationSettings settings) {
    new IncidentTopology(topics, settings).buildInto(builder);
  }

  /** Reads the signals (in event time) and actions topics, writes the incidents topic. */
  public void buildInto(StreamsBuilder builder) {
    KStream<String, Signal> signals =
        builder.stream(
            topics.signals().name(),
            Consumed.with(topics.signals().keySerde(), topics.signals().valueSerde())
                .withTimestampExtractor(new SignalEventTime()));
    KStream<String, IncidentAction> actions =
        builder.stream(
            topics.incidentActions().name(),
            Consumed.with(
                topics.incidentActions().keySerde(), topics.incidentActions().valueSerde()));
    IncidentView view =
        new IncidentView(topics.incidents().valueSerde(), IncidentView.DEFAULT_RETENTION);
    (inMemory ? view.inMemory() : view)
        .attach(correlate(signals, actions))
        .to(
            topics.incidents().name(),
            Produced.with(topics.incidents().keySerde(), topics.incidents().valueSerde()));
  }

  /** The incident changes caused by the signals, keyed by incident id (no analyst actions). */
  public KStream<String, Incident> correlate(KStream<String, Signal> signals) {
    return signals.process(new SignalSupplier(), Named.as("correlate-signals-into-incidents"));
  }

  /**
   * The incident changes caused by the signals and the analysts' actions, keyed by incident id.
   * Both streams must be keyed by cluster and co-partitioned (same partition count).
   */
  public KStream<String, Incident> correlate(
      KStream<String, Signal> signals, KStream<String, IncidentAction> actions) {
    KStream<String, Incident> fromSignals = correlate(signals);
    KStream<String, Incident> fromActions =
        actions.process(
            () -> new IncidentActionProcessor(settings, SERVICE, topics.incidents().eventType()),
            Named.as("apply-incident-actions"),
            INCIDENT_STORE,
            ENTITY_INDEX_STORE,
            SEEN_SIGNALS_STORE,
            SUPPRESSION_STORE);
    return fromSignals.merge(fromActions, Named.as("incident-changes"));
  }

  private final class SignalSupplier
      implements ProcessorSupplier<String, Signal, String, Incident> {

    @Override
    public Processor<String, Signal, String, Incident> get() {
      return new IncidentProcessor(settings, SERVICE, topics.incidents().eventType());
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              keyValue(INCIDENT_STORE), Serdes.String(), new JsonSerde<>(IncidentState.class)),
          Stores.windowStoreBuilder(window(ENTITY_INDEX_STORE), Serdes.String(), Serdes.String()),
          Stores.windowStoreBuilder(window(SEEN_SIGNALS_STORE), Serdes.String(), Serdes.String()),
          Stores.keyValueStoreBuilder(keyValue(SUPPRESSION_STORE), Serdes.String(), Serdes.Long()));
    }

    private KeyValueBytesStoreSupplier keyValue(String name) {
      return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    private WindowBytesStoreSupplier window(String name) {
      return inMemory
          ? Stores.inMemoryWindowStore(name, settings.retention(), POINT, false)
          : Stores.persistentWindowStore(name, settings.retention(), POINT, false);
    }
  }
}
