package io.palisade.correlation.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Which incident each linking entity occurred in, and when (event time), over the window store
 * {@link IncidentTopology#ENTITY_INDEX_STORE} whose old entries expire after the retention.
 *
 * <p>Bounded under floods: occurrences are kept per bucket of half the linking window, one entry
 * per entity and bucket holding the incident and the earliest and latest occurrence in it (not one
 * entry per signal). Linking stays exact: a bucket's occurrences span at most half the window, so
 * when its [earliest, latest] overlaps [t − window, t + window], one of the two lies inside.
 */
final class EntityIndex {

  /** One entity's occurrences in one bucket: the incident, the earliest and latest event time. */
  record Occurrences(String incidentId, long earliest, long latest) {

    static Occurrences parse(String value) {
      int first = value.lastIndexOf('|', value.lastIndexOf('|') - 1);
      int second = value.lastIndexOf('|');
      return new Occurrences(
          value.substring(0, first),
          Long.parseLong(value.substring(first + 1, second)),
          Long.parseLong(value.substring(second + 1)));
    }

    String format() {
      return incidentId + "|" + earliest + "|" + latest;
    }

    /** An occurrence lies within {@code window} of {@code time} (inclusive). */
    boolean within(long time, long window) {
      return earliest <= time + window && latest >= time - window;
    }
  }

  private final WindowStore<String, String> store;
  private final long bucket;

  EntityIndex(WindowStore<String, String> store, Duration window) {
    this.store = store;
    this.bucket = Math.max(1, window.toMillis() / 2);
  }

  /** Records that the entity (a store key) occurred in the incident at {@code time}. */
  void put(String entityKey, String incidentId, long time) {
    long start = Math.floorDiv(time, bucket) * bucket;
    String kept = store.fetch(entityKey, start);
    Occurrences occurrences = kept == null ? null : Occurrences.parse(kept);
    if (occurrences != null && occurrences.incidentId().equals(incidentId)) {
      if (time >= occurrences.earliest() && time <= occurrences.latest()) {
        return;
      }
      occurrences =
          new Occurrences(
              incidentId,
              Math.min(time, occurrences.earliest()),
              Math.max(time, occurrences.latest()));
    } else {
      // another incident in the same bucket can only be one that no longer links (it would have
      // been linked within half a window): the newer one takes the bucket
      occurrences = new Occurrences(incidentId, time, time);
    }
    store.put(entityKey, occurrences.format(), start);
  }

  /** The entity's occurrences whose bucket lies in [from, to] (event time), oldest first. */
  List<Occurrences> fetch(String entityKey, long from, long to) {
    List<Occurrences> found = new ArrayList<>();
    try (WindowStoreIterator<String> hits =
        store.fetch(entityKey, Math.max(0, Math.floorDiv(from, bucket) * bucket), to)) {
      hits.forEachRemaining(hit -> found.add(Occurrences.parse(hit.value)));
    }
    return found;
  }

  /** Points an absorbed incident's occurrences of the entity at the survivor. */
  void reassign(String entityKey, String absorbedId, String survivorId, long from, long to) {
    List<KeyValue<Long, Occurrences>> moved = new ArrayList<>();
    try (WindowStoreIterator<String> hits =
        store.fetch(entityKey, Math.max(0, Math.floorDiv(from, bucket) * bucket), to)) {
      while (hits.hasNext()) {
        KeyValue<Long, String> hit = hits.next();
        Occurrences occurrences = Occurrences.parse(hit.value);
        if (occurrences.incidentId().equals(absorbedId)) {
          moved.add(KeyValue.pair(hit.key, occurrences));
        }
      }
    }
    for (KeyValue<Long, Occurrences> entry : moved) {
      store.put(
          entityKey,
          new Occurrences(survivorId, entry.value.earliest(), entry.value.latest()).format(),
          entry.key);
    }
  }
}
