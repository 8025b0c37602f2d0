package io.palisade.correlation.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.databind.node.ObjectNode;

/** How an instance asks another for the incidents in that instance's part of the view. */
public interface PeerIncidents {

  /**
   * The peer's first page for the query (its local part only).
   *
   * @param authorization the caller's {@code Authorization} header, passed on, or null
   */
  CompletableFuture<IncidentPage> page(HostInfo peer, IncidentQuery query, String authorization);

  /** The incident with this id if the peer holds it, rendered whole. */
  CompletableFuture<Optional<ObjectNode>> get(HostInfo peer, String id, String authorization);

  /** A peer that could not answer, for the 503 that follows. */
  static String describe(List<HostInfo> peers) {
    return peers.stream().map(peer -> peer.host() + ":" + peer.port()).toList().toString();
  }
}
