package io.palisade.correlation.api;

import io.palisade.avro.Incident;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers from this instance's part of the incident view ({@code
 * io.palisade.correlation.correlate.IncidentView}): one incident by id, or the first page of the
 * matching incidents this instance holds. A page scans the local view once and keeps only the best
 * {@code limit + 1} in a bounded heap.
 */
public final class LocalIncidentView {

  /** A list item leaves out the evidence timeline; {@code GET /api/incidents/{id}} has it. */
  public static final Set<String> LEFT_OUT_OF_LISTS = Set.of("signals");

  private static final Comparator<Incident> ORDER =
      Comparator.comparing(LocalIncidentView::position, IncidentCursor.ORDER);

  private final Supplier<ReadOnlyKeyValueStore<String, Incident>> store;

  /**
   * @param store the local view store, looked up at each query (it changes with rebalances); may
   *     throw {@link ApiException} 503 while it is not queryable
   */
  public LocalIncidentView(Supplier<ReadOnlyKeyValueStore<String, Incident>> store) {
    this.store = store;
  }

  public Optional<Incident> get(String id) {
    return Optional.ofNullable(store.get().get(id));
  }

  /** This instance's first {@code limit} matching incidents after the cursor, in list order. */
  public IncidentPage page(IncidentQuery query) {
    int keep = query.limit() + 1;
    PriorityQueue<Incident> best = new PriorityQueue<>(keep + 1, ORDER.reversed());
    try (KeyValueIterator<String, Incident> all = store.get().all()) {
      while (all.hasNext()) {
        KeyValue<String, Incident> entry = all.next();
        Incident incident = entry.value;
        if (incident != null
            && query.matches(incident)
            && query.isAfterCursor(position(incident))) {
          best.add(incident);
          if (best.size() > keep) {
            best.poll();
          }
        }
      }
    }
    List<Incident> sorted = new ArrayList<>(best);
    sorted.sort(ORDER);
    boolean more = sorted.size() > query.limit();
    List<ObjectNode> rendered =
        sorted.stream()
            .limit(query.limit())
            .map(incident -> AvroJson.render(incident, LEFT_OUT_OF_LISTS))
            .toList();
    return new IncidentPage(rendered, more);
  }

  static IncidentCursor position(Incident incident) {
    return new IncidentCursor(incident.getLastSeen(), incident.getId());
  }
}
