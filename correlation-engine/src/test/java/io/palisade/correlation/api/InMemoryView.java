package io.palisade.correlation.api;

import io.palisade.avro.Incident;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** An instance's part of the incident view, in memory, for tests of the query side. */
final class InMemoryView implements ReadOnlyKeyValueStore<String, Incident> {

  private final TreeMap<String, Incident> incidents = new TreeMap<>();

  InMemoryView put(Incident incident) {
    incidents.put(incident.getId(), incident);
    return this;
  }

  @Override
  public Incident get(String key) {
    return incidents.get(key);
  }

  @Override
  public KeyValueIterator<String, Incident> range(String from, String to) {
    return iterator(incidents.subMap(from, true, to, true));
  }

  @Override
  public KeyValueIterator<String, Incident> all() {
    return iterator(incidents);
  }

  @Override
  public long approximateNumEntries() {
    return incidents.size();
  }

  private static KeyValueIterator<String, Incident> iterator(Map<String, Incident> entries) {
    Iterator<Map.Entry<String, Incident>> delegate = Map.copyOf(entries).entrySet().iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return delegate.hasNext();
      }

      @Override
      public KeyValue<String, Incident> next() {
        Map.Entry<String, Incident> entry = delegate.next();
        return KeyValue.pair(entry.getKey(), entry.getValue());
      }

      @Override
      public String peekNextKey() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }
}
