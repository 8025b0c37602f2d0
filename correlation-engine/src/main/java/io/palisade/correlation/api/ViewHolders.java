package io.palisade.correlation.api;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instances hold partitions of the incident view right now.
 *
 * @param local whether this instance holds some
 * @param peers the other instances that hold some, by their advertised {@code application.server}
 */
public record ViewHolders(boolean local, List<HostInfo> peers) {

  public ViewHolders {
    peers = List.copyOf(peers);
  }
}
