package io.palisade.correlation.api;

import static io.palisade.correlation.support.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class IncidentDirectoryTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");
  private static final HostInfo PEER_B = new HostInfo("10.0.0.2", 8083);
  private static final HostInfo PEER_C = new HostInfo("10.0.0.3", 8083);

  private final InMemoryView local = new InMemoryView();
  private final Map<HostInfo, InMemoryView> peerViews =
      Map.of(PEER_B, new InMemoryView(), PEER_C, new InMemoryView());
  private final Map<HostInfo, RuntimeException> failingPeers = new HashMap<>();
  private final List<String> authorizationsSeen = new ArrayList<>();

  /** Asks the peers' views directly, as their internal endpoints would. */
  private final PeerIncidents peers =
      new PeerIncidents() {
        @Override
        public CompletableFuture<IncidentPage> page(
            HostInfo peer, IncidentQuery query, String authorization) {
          authorizationsSeen.add(authorization);
          return answer(peer, () -> new LocalIncidentView(() -> peerViews.get(peer)).page(query));
        }

        @Override
        public CompletableFuture<Optional<ObjectNode>> get(
            HostInfo peer, String id, String authorization) {
          authorizationsSeen.add(authorization);
          return answer(
              peer,
              () -> new LocalIncidentView(() -> peerViews.get(peer)).get(id).map(AvroJson::render));
        }
      };

  private final IncidentDirectory directory =
      new IncidentDirectory(
          () -> new ViewHolders(true, List.of(PEER_B, PEER_C)),
          new LocalIncidentView(() -> local),
          peers);

  @Test
  void everyPageSizeWalksTheSameListAsOneSortedViewWould() {
    List<Incident> all = spread(17);
    List<String> expected =
        all.stream()
            .sorted(
                Comparator.comparing(Incident::getLastSeen, Comparator.reverseOrder())
                    .thenComparing(Incident::getId))
            .map(Incident::getId)
            .toList();

    for (int limit = 1; limit <= 18; limit++) {
      List<String> walked = new ArrayList<>();
      IncidentCursor cursor = null;
      do {
        IncidentPage page = directory.list(query(limit, cursor), "Bearer t");
        assertThat(page.incidents()).hasSizeLessThanOrEqualTo(limit);
        page.incidents().forEach(json -> walked.add(json.get("id").stringValue()));
        cursor = page.next();
      } while (cursor != null);
      assertThat(walked).as("limit " + limit).isEqualTo(expected);
    }
    assertThat(authorizationsSeen).containsOnly("Bearer t");
  }

  @Test
  void aListLeavesOutTheTimelineAndFiltersOnEveryInstance() {
    spread(9);

    IncidentPage page =
        directory.list(
            IncidentQuery.parse(Map.of("status", List.of("RESOLVED"), "limit", List.of("100"))),
            null);

    assertThat(page.incidents())
        .isNotEmpty()
        .allSatisfy(
            json -> {
              assertThat(json.get("status").stringValue()).isEqualTo("RESOLVED");
              assertThat(json.has("signals")).isFalse();
            });
    assertThat(page.incidents()).hasSize(3);
    assertThat(page.next()).isNull();
  }

  @Test
  void oneIncidentIsFoundWhereverItIsWithItsTimeline() {
    local.put(incident("here").build());
    peerViews.get(PEER_C).put(incident("there").build());

    JsonNode here = directory.get("here", null).orElseThrow();
    JsonNode there = directory.get("there", null).orElseThrow();

    assertThat(here.get("id").stringValue()).isEqualTo("here");
    assertThat(there.get("signals")).hasSize(1);
    assertThat(directory.get("nowhere", null)).isEmpty();
  }

  @Test
  void anInstanceThatCannotBeAskedMakesTheAnswer503NeverPartial() {
    spread(6);
    failingPeers.put(PEER_B, ApiException.unavailable("peer-unavailable", "10.0.0.2 is down"));

    assertThatThrownBy(() -> directory.list(IncidentQuery.all(), null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("10.0.0.2");
    assertThatThrownBy(() -> directory.get("nowhere", null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    // found elsewhere: the answer is complete without the failing instance
    peerViews.get(PEER_C).put(incident("there").build());
    assertThat(directory.get("there", null)).isPresent();
  }

  @Test
  void anInstanceHoldingNoPartAnswersFromThePeersOnly() {
    local.put(incident("stale-local-copy").build());
    peerViews.get(PEER_B).put(incident("b").build());
    IncidentDirectory remoteOnly =
        new IncidentDirectory(
            () -> new ViewHolders(false, List.of(PEER_B)),
            new LocalIncidentView(() -> local),
            peers);

    assertThat(remoteOnly.list(IncidentQuery.all(), null).incidents())
        .extracting(json -> json.get("id").stringValue())
        .containsExactly("b");
    assertThat(remoteOnly.localPage(IncidentQuery.all()).incidents()).isEmpty();
    assertThat(remoteOnly.localGet("stale-local-copy")).isEmpty();
  }

  @Test
  void pagesMergeFromJsonAsAnotherInstanceSendsThem() {
    spread(5);
    IncidentPage page = directory.list(query(2, null), null);

    IncidentPage copy = IncidentPage.fromJson(page.toJson());

    assertThat(copy).isEqualTo(page);
    assertThat(page.toJson().get("nextCursor").stringValue()).isEqualTo(page.next().encode());
  }

  /** Incidents spread over the three instances, with ties in lastSeen. */
  private List<Incident> spread(int count) {
    List<InMemoryView> views = List.of(local, peerViews.get(PEER_B), peerViews.get(PEER_C));
    List<Incident> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Incident incident =
          incident("i-" + (char) ('a' + i))
              .lastSeen(T0.plusSeconds(i / 2))
              .status(i % 3 == 0 ? IncidentStatus.RESOLVED : IncidentStatus.OPEN)
              .build();
      views.get((i * 7) % 3).put(incident);
      all.add(incident);
    }
    return all;
  }

  private static IncidentQuery query(int limit, IncidentCursor after) {
    return new IncidentQuery(null, null, null, null, null, null, limit, after);
  }

  private <T> CompletableFuture<T> answer(HostInfo peer, java.util.function.Supplier<T> work) {
    RuntimeException failure = failingPeers.get(peer);
    return failure == null
        ? CompletableFuture.completedFuture(work.get())
        : CompletableFuture.failedFuture(failure);
  }
}
