package io.palisade.correlation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.palisade.correlation.correlate.IncidentView;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;

class CorrelateStreamsTest {

  private static final HostInfo SELF = new HostInfo("10.0.0.1", 8083);
  private static final HostInfo OTHER = new HostInfo("10.0.0.2", 8083);
  private static final HostInfo IDLE = new HostInfo("10.0.0.3", 8083);

  private final KafkaStreams streams = mock(KafkaStreams.class);
  private final CorrelateStreams correlate = new CorrelateStreams(() -> streams, SELF);

  @Test
  void holdersAreThisInstanceAndThePeersWithPartitions() {
    when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
    when(streams.streamsMetadataForStore(IncidentView.STORE))
        .thenReturn(List.of(holding(SELF, 0, 1), holding(OTHER, 2, 3), holding(IDLE)));

    ViewHolders holders = correlate.holders();

    assertThat(holders.local()).isTrue();
    assertThat(holders.peers()).containsExactly(OTHER);
  }

  @Test
  void answersAreRefusedWith503UntilTheStreamsRun() {
    CorrelateStreams notCreated = new CorrelateStreams(() -> null, SELF);
    assertNotReady(notCreated::holders, "has not started");

    for (KafkaStreams.State state :
        List.of(
            KafkaStreams.State.CREATED,
            KafkaStreams.State.PENDING_SHUTDOWN,
            KafkaStreams.State.NOT_RUNNING,
            KafkaStreams.State.ERROR)) {
      when(streams.state()).thenReturn(state);
      assertNotReady(correlate::holders, state.name());
      assertNotReady(correlate::localView, state.name());
    }
  }

  @Test
  void aViewBeingRestoredOrWithoutOwnersIs503() {
    when(streams.state()).thenReturn(KafkaStreams.State.REBALANCING);
    when(streams.store(any())).thenThrow(new InvalidStateStoreException("restoring"));
    when(streams.streamsMetadataForStore(IncidentView.STORE)).thenReturn(List.of());

    assertNotReady(correlate::localView, "restoring");
    assertNotReady(correlate::holders, "no instance holds");
  }

  @Test
  void instancesAdvertisingTheSameAddressAreRefusedRatherThanAnsweringHalf() {
    when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
    when(streams.streamsMetadataForStore(IncidentView.STORE))
        .thenReturn(List.of(holding(SELF, 0, 1), holding(SELF, 2, 3)));

    assertThatThrownBy(correlate::holders)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.reason()).isEqualTo("misconfigured");
            })
        .hasMessageContaining("palisade.correlation.advertised-address");
  }

  private static StreamsMetadata holding(HostInfo host, int... partitions) {
    Set<TopicPartition> assigned =
        Arrays.stream(partitions)
            .mapToObj(p -> new TopicPartition("palisade.signals.v1", p))
            .collect(Collectors.toSet());
    return new StreamsMetadataImpl(host, Set.of(IncidentView.STORE), assigned, Set.of(), Set.of());
  }

  private static void assertNotReady(Runnable call, String mentioned) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.reason()).isEqualTo("not-ready");
            })
        .hasMessageContaining(mentioned);
  }
}
