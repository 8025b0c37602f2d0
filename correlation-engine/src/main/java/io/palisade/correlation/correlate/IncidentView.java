package io.palisade.correlation.correlate;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The queryable view of incidents: a processor hung on the stream of incident changes that keeps
 * the latest emitted version of every incident by id in {@value #STORE} (persistent, changelogged,
 * values in the incidents topic's Avro format) and forwards every record unchanged. The incident
 * API reads this store through interactive queries, so it never depends on the correlation state's
 * internal layout.
 *
 * <p>Open incidents stay as long as they are open. RESOLVED and MERGED ones are purged once they
 * are older than the retention by either clock: wall-clock time against the version's {@code
 * ingestTime}, or stream time against its {@code eventTime}. A punctuator checks both every {@link
 * #PURGE_INTERVAL}, so a quiet partition is cleaned too.
 *
 * <p>The view sits in the correlation task, so an incident lives in the partition of its cluster's
 * signals, not in the partition its id would hash to (see the incident API in the README).
 */
public final class IncidentView {

  public static final String STORE = "palisade-incident-view";

  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** How often both punctuators look for entries to purge. */
  public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private final Serde<Incident> incidentSerde;
  private final Duration retention;
  private final boolean inMemory;

  /**
   * @param incidentSerde the incidents topic's value serde (the store's values)
   * @param retention how long RESOLVED and MERGED incidents stay in the view
   */
  public IncidentView(Serde<Incident> incidentSerde, Duration retention) {
    this(incidentSerde, retention, false);
  }

  private IncidentView(Serde<Incident> incidentSerde, Duration retention, boolean inMemory) {
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "palisade.correlation.view-retention must be positive, was " + retention);
    }
    this.incidentSerde = incidentSerde;
    this.retention = retention;
    this.inMemory = inMemory;
  }

  /**
   * The same view in an in-memory store (still changelogged), like {@link
   * IncidentTopology#inMemory}.
   */
  public IncidentView inMemory() {
    return new IncidentView(incidentSerde, retention, true);
  }

  /** Keeps every incident change in the view; returns the same changes, unchanged. */
  public KStream<String, Incident> attach(KStream<String, Incident> incidents) {
    return incidents.process(new Supplier(), Named.as("keep-incident-view"));
  }

  public Duration retention() {
    return retention;
  }

  /** Whether a view entry may go: closed (RESOLVED, MERGED) and older than the retention. */
  static boolean expired(Incident incident, Instant streamTime, Instant wallClock, Duration keep) {
    if (incident.getStatus() == IncidentStatus.OPEN) {
      return false;
    }
    boolean byStreamTime =
        streamTime != null && incident.getEventTime().plus(keep).isBefore(streamTime);
    boolean byWallClock = incident.getIngestTime().plus(keep).isBefore(wallClock);
    return byStreamTime || byWallClock;
  }

  private final class Supplier implements ProcessorSupplier<String, Incident, String, Incident> {

    @Override
    public Processor<String, Incident, String, Incident> get() {
      return new ViewProcessor();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              inMemory
                  ? Stores.inMemoryKeyValueStore(STORE)
                  : Stores.persistentKeyValueStore(STORE),
              Serdes.String(),
              incidentSerde));
    }
  }

  private final class ViewProcessor implements Processor<String, Incident, String, Incident> {

    private ProcessorContext<String, Incident> context;
    private KeyValueStore<String, Incident> view;

    @Override
    public void init(ProcessorContext<String, Incident> context) {
      this.context = context;
      this.view = context.getStateStore(STORE);
      context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, time -> purge());
      context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, time -> purge());
    }

    @Override
    public void process(Record<String, Incident> record) {
      if (record.key() != null) {
        if (record.value() == null) {
          view.delete(record.key());
        } else {
          view.put(record.key(), record.value());
        }
      }
      context.forward(record);
    }

    /** Both clocks at once: whichever says an entry is old enough lets it go. */
    private void purge() {
      long streamTimeMs = context.currentStreamTimeMs();
      Instant streamTime = streamTimeMs < 0 ? null : Instant.ofEpochMilli(streamTimeMs);
      Instant wallClock = Instant.ofEpochMilli(context.currentSystemTimeMs());
      List<String> expired = new ArrayList<>();
      try (KeyValueIterator<String, Incident> all = view.all()) {
        while (all.hasNext()) {
          KeyValue<String, Incident> entry = all.next();
          if (expired(entry.value, streamTime, wallClock, retention)) {
            expired.add(entry.key);
          }
        }
      }
      expired.forEach(view::delete);
    }
  }
}
