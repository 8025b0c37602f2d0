package io.palisade.correlation.api;

import static io.palisade.correlation.support.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.EntityKind;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentQueryTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  @Test
  void noParametersListsEverythingFiftyAtATime() {
    IncidentQuery query = IncidentQuery.parse(Map.of());

    assertThat(query).isEqualTo(IncidentQuery.all());
    assertThat(query.limit()).isEqualTo(50);
    assertThat(query.matches(incident("i").status(IncidentStatus.MERGED).build())).isTrue();
  }

  @Test
  void statusIsRepeatableAndCommaSeparatedInAnyCase() {
    IncidentQuery query = IncidentQuery.parse(Map.of("status", List.of("open", "RESOLVED,merged")));

    assertThat(query.statuses())
        .containsExactlyInAnyOrder(
            IncidentStatus.OPEN, IncidentStatus.RESOLVED, IncidentStatus.MERGED);
    assertThat(
            IncidentQuery.parse(Map.of("status", List.of("RESOLVED")))
                .matches(incident("i").build()))
        .isFalse();
  }

  @Test
  void minSeverityKeepsThatSeverityAndAbove() {
    IncidentQuery high = IncidentQuery.parse(Map.of("minSeverity", List.of("high")));

    assertThat(high.matches(incident("c").severity(Severity.CRITICAL).build())).isTrue();
    assertThat(high.matches(incident("h").severity(Severity.HIGH).build())).isTrue();
    assertThat(high.matches(incident("m").severity(Severity.MEDIUM).build())).isFalse();
  }

  @Test
  void clusterAndSinceFilter() {
    IncidentQuery query =
        IncidentQuery.parse(
            Map.of("cluster", List.of("prod"), "since", List.of("2026-02-01T07:00:00Z")));

    assertThat(query.matches(incident("a").cluster("prod").lastSeen(T0).build())).isTrue();
    assertThat(query.matches(incident("b").cluster("prod").lastSeen(T0.minusMillis(1)).build()))
        .isFalse();
    assertThat(query.matches(incident("c").cluster("dev").lastSeen(T0).build())).isFalse();
  }

  @Test
  void namespaceMatchesANamespaceEntityOrAPodOrWorkloadInIt() {
    IncidentQuery shop = IncidentQuery.parse(Map.of("namespace", List.of("shop")));

    assertThat(shop.matches(incident("ns").entity(EntityKind.NAMESPACE, "shop").build())).isTrue();
    assertThat(shop.matches(incident("pod").entity(EntityKind.POD, "shop/web-1").build())).isTrue();
    assertThat(
            shop.matches(incident("wl").entity(EntityKind.WORKLOAD, "shop/Deployment/web").build()))
        .isTrue();
    assertThat(shop.matches(incident("other").entity(EntityKind.POD, "shopping/web").build()))
        .isFalse();
    assertThat(shop.matches(incident("actor").entity(EntityKind.ACTOR, "shop/x").build()))
        .isFalse();
  }

  @Test
  void entityIsKindColonNameOrAnyKindByName() {
    IncidentQuery pod = IncidentQuery.parse(Map.of("entity", List.of("pod:shop/web")));
    IncidentQuery byName = IncidentQuery.parse(Map.of("entity", List.of("alice")));
    IncidentQuery serviceAccount =
        IncidentQuery.parse(Map.of("entity", List.of("system:serviceaccount:shop:builder")));

    assertThat(pod.entity().kind()).isEqualTo(EntityKind.POD);
    assertThat(pod.matches(incident("p").entity(EntityKind.POD, "shop/web").build())).isTrue();
    assertThat(pod.matches(incident("w").entity(EntityKind.WORKLOAD, "shop/web").build()))
        .isFalse();
    assertThat(byName.matches(incident("a").entity(EntityKind.ACTOR, "alice").build())).isTrue();
    // "system" is not an entity kind: the whole text is the name
    assertThat(serviceAccount.entity().kind()).isNull();
    assertThat(
            serviceAccount.matches(
                incident("s")
                    .entity(EntityKind.SERVICE_ACCOUNT, "system:serviceaccount:shop:builder")
                    .build()))
        .isTrue();
  }

  @Test
  void limitIsOneToFiveHundred() {
    assertThat(IncidentQuery.parse(Map.of("limit", List.of("500"))).limit()).isEqualTo(500);
    assertRefused(Map.of("limit", List.of("0")), "bad-limit", "limit");
    assertRefused(Map.of("limit", List.of("501")), "bad-limit", "1 to 500");
    assertRefused(Map.of("limit", List.of("ten")), "bad-limit", "ten");
  }

  @Test
  void badParametersAreRefusedByName() {
    assertRefused(Map.of("status", List.of("CLOSED")), "bad-status", "CLOSED");
    assertRefused(Map.of("status", List.of("UNKNOWN")), "bad-status", "UNKNOWN");
    assertRefused(Map.of("minSeverity", List.of("EXTREME")), "bad-minseverity", "EXTREME");
    assertRefused(Map.of("since", List.of("yesterday")), "bad-since", "ISO-8601");
    assertRefused(Map.of("cursor", List.of("not-a-cursor")), "bad-cursor", "not-a-cursor");
    assertRefused(Map.of("minseverity", List.of("HIGH")), "unknown-parameter", "minseverity");
    assertRefused(Map.of("cluster", List.of("a", "b")), "repeated-parameter", "cluster");
    assertRefused(Map.of("cluster", List.of(" ")), "empty-parameter", "cluster");
  }

  @Test
  void theQueryStringReproducesTheQuery() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    parameters.put("status", List.of("OPEN,RESOLVED"));
    parameters.put("minSeverity", List.of("MEDIUM"));
    parameters.put("cluster", List.of("prod eu"));
    parameters.put("namespace", List.of("shop"));
    parameters.put("entity", List.of("ACTOR:alice&bob"));
    parameters.put("since", List.of("2026-02-01T07:00:00Z"));
    parameters.put("limit", List.of("7"));
    parameters.put("cursor", List.of(new IncidentCursor(T0, "i-9").encode()));
    IncidentQuery query = IncidentQuery.parse(parameters);

    assertThat(IncidentQuery.parse(decode(query.toQueryString()))).isEqualTo(query);
  }

  @Test
  void cursorsRoundTripAndOrderByLastSeenDescendingThenId() {
    IncidentCursor cursor = new IncidentCursor(T0, "id|with|bars");

    assertThat(IncidentCursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThat(cursor.precedes(new IncidentCursor(T0.minusSeconds(1), "a"))).isTrue();
    assertThat(cursor.precedes(new IncidentCursor(T0, "z"))).isTrue();
    assertThat(cursor.precedes(new IncidentCursor(T0.plusSeconds(1), "z"))).isFalse();
    assertThat(cursor.precedes(cursor)).isFalse();
  }

  private static void assertRefused(
      Map<String, List<String>> parameters, String reason, String mentioned) {
    assertThatThrownBy(() -> IncidentQuery.parse(parameters))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.reason()).isEqualTo(reason);
            })
        .hasMessageContaining(mentioned);
  }

  private static Map<String, List<String>> decode(String queryString) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : queryString.split("&")) {
      String[] parts = pair.split("=", 2);
      parameters
          .computeIfAbsent(parts[0], name -> new ArrayList<>())
          .add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
