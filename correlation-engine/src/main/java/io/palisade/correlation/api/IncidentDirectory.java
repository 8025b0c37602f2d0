package io.palisade.correlation.api;

import io.palisade.avro.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers for all instances: the incident view is split by partition across the instances of the
 * correlate application, so a list asks every instance holding a part (this one locally, the others
 * over HTTP, in parallel) and merges their pages; a single incident is looked up locally first,
 * then at the others. The answer is complete or an {@link ApiException} 503: a part that cannot be
 * asked is never silently left out.
 */
public final class IncidentDirectory {

  private final Supplier<ViewHolders> holders;
  private final LocalIncidentView local;
  private final PeerIncidents peers;

  /**
   * @param holders who holds the view now; throws {@link ApiException} 503 while unknown
   */
  public IncidentDirectory(
      Supplier<ViewHolders> holders, LocalIncidentView local, PeerIncidents peers) {
    this.holders = holders;
    this.local = local;
    this.peers = peers;
  }

  /** The page across all instances. */
  public IncidentPage list(IncidentQuery query, String authorization) {
    ViewHolders now = holders.get();
    List<CompletableFuture<IncidentPage>> remote = new ArrayList<>();
    for (HostInfo peer : now.peers()) {
      remote.add(peers.page(peer, query, authorization));
    }
    List<IncidentPage> pages = new ArrayList<>();
    if (now.local()) {
      pages.add(local.page(query));
    }
    for (CompletableFuture<IncidentPage> page : remote) {
      pages.add(join(page));
    }
    return IncidentPage.merge(pages, query.limit());
  }

  /** The incident with this id, wherever it is held, rendered whole. */
  public Optional<ObjectNode> get(String id, String authorization) {
    ViewHolders now = holders.get();
    if (now.local()) {
      Optional<Incident> here = local.get(id);
      if (here.isPresent()) {
        return here.map(AvroJson::render);
      }
    }
    List<CompletableFuture<Optional<ObjectNode>>> remote = new ArrayList<>();
    for (HostInfo peer : now.peers()) {
      remote.add(peers.get(peer, id, authorization));
    }
    ApiException unanswered = null;
    for (CompletableFuture<Optional<ObjectNode>> answer : remote) {
      try {
        Optional<ObjectNode> found = join(answer);
        if (found.isPresent()) {
          return found;
        }
      } catch (ApiException e) {
        unanswered = e;
      }
    }
    if (unanswered != null) {
      throw unanswered; // not found where we could look, but a part could not be asked
    }
    return Optional.empty();
  }

  /** This instance's part only (the internal endpoints). */
  public IncidentPage localPage(IncidentQuery query) {
    return holders.get().local() ? local.page(query) : new IncidentPage(List.of(), false);
  }

  /** This instance's part only (the internal endpoints). */
  public Optional<ObjectNode> localGet(String id) {
    return holders.get().local() ? local.get(id).map(AvroJson::render) : Optional.empty();
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ApiException api) {
        throw api;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw ApiException.unavailable(
            "peer-unavailable", "an instance holding part of the incidents failed: " + runtime);
      }
      throw e;
    }
  }
}
