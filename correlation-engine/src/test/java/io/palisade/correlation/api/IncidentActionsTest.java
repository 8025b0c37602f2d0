package io.palisade.correlation.api;

import static io.palisade.correlation.support.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.IncidentAction;
import io.palisade.avro.IncidentActionType;
import io.palisade.intake.auth.AuthenticationMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentActionsTest {

  private static final Instant NOW = Instant.parse("2026-02-01T09:30:00Z");

  private final InMemoryView view = new InMemoryView();
  private final List<IncidentAction> published = new ArrayList<>();
  private final IncidentActions actions =
      new IncidentActions(
          new IncidentDirectory(
              () -> new ViewHolders(true, List.of()),
              new LocalIncidentView(() -> view),
              new HttpPeerIncidents(null, null)),
          published::add,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void anActionIsWrittenForTheIncidentsClusterByTheCaller() {
    view.put(incident("i-1").cluster("prod").build());

    IncidentAction action =
        actions.act(
            "i-1",
            "{\"type\":\"false_positive\",\"comment\":\" CI job \",\"suppressFor\":\"PT24H\"}",
            "token:abc",
            null);

    assertThat(published).containsExactly(action);
    assertThat(action.getId()).hasSize(36);
    assertThat(action.getCluster()).isEqualTo("prod");
    assertThat(action.getIncidentId()).isEqualTo("i-1");
    assertThat(action.getTime()).isEqualTo(NOW);
    assertThat(action.getType()).isEqualTo(IncidentActionType.FALSE_POSITIVE);
    assertThat(action.getActor()).isEqualTo("token:abc");
    assertThat(action.getComment()).isEqualTo("CI job");
    assertThat(action.getSuppressForMillis()).isEqualTo(24 * 3600 * 1000L);
    assertThat(action.getAssignee()).isNull();
  }

  @Test
  void everyTypeIsAccepted() {
    view.put(incident("i-1").build());

    for (String type : List.of("ACKNOWLEDGE", "ASSIGN", "RESOLVE", "FALSE_POSITIVE", "REOPEN")) {
      actions.act("i-1", "{\"type\":\"" + type + "\"}", "anonymous", null);
    }

    assertThat(published)
        .extracting(IncidentAction::getType)
        .containsExactly(
            IncidentActionType.ACKNOWLEDGE,
            IncidentActionType.ASSIGN,
            IncidentActionType.RESOLVE,
            IncidentActionType.FALSE_POSITIVE,
            IncidentActionType.REOPEN);
    assertThat(published).extracting(IncidentAction::getId).doesNotHaveDuplicates();
  }

  @Test
  void assignCarriesTheAssignee() {
    view.put(incident("i-1").build());

    assertThat(
            actions
                .act("i-1", "{\"type\":\"ASSIGN\",\"assignee\":\"carol\"}", "anonymous", null)
                .getAssignee())
        .isEqualTo("carol");
  }

  @Test
  void badBodiesAreRefusedBeforeAnythingIsLookedUpOrWritten() {
    assertRefused(null, "bad-body");
    assertRefused("", "bad-body");
    assertRefused("[1]", "bad-body");
    assertRefused("{\"type\":", "bad-json");
    assertRefused("{}", "bad-type");
    assertRefused("{\"type\":\"PANIC\"}", "bad-type");
    assertRefused("{\"type\":\"UNKNOWN\"}", "bad-type");
    assertRefused("{\"type\":7}", "bad-type");
    assertRefused("{\"type\":\"ACKNOWLEDGE\",\"note\":\"x\"}", "unknown-field");
    assertRefused("{\"type\":\"RESOLVE\",\"assignee\":\"carol\"}", "bad-assignee");
    assertRefused("{\"type\":\"RESOLVE\",\"suppressFor\":\"PT1H\"}", "bad-suppress-for");
    assertRefused("{\"type\":\"FALSE_POSITIVE\",\"suppressFor\":\"1 day\"}", "bad-suppress-for");
    assertRefused("{\"type\":\"FALSE_POSITIVE\",\"suppressFor\":\"-PT1H\"}", "bad-suppress-for");
    assertRefused("{\"type\":\"ACKNOWLEDGE\",\"comment\":42}", "bad-comment");
    assertRefused(
        "{\"type\":\"ACKNOWLEDGE\",\"comment\":\"" + "x".repeat(4001) + "\"}", "bad-comment");
    assertThat(published).isEmpty();
  }

  @Test
  void anUnknownIncidentIs404() {
    assertThatThrownBy(() -> actions.act("nope", "{\"type\":\"RESOLVE\"}", "anonymous", null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.reason()).isEqualTo("unknown-incident");
            });
    assertThat(published).isEmpty();
  }

  @Test
  void aMergedIncidentIs409WithItsSurvivor() {
    view.put(incident("old").mergedInto("survivor").build());

    assertThatThrownBy(() -> actions.act("old", "{\"type\":\"RESOLVE\"}", "anonymous", null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.reason()).isEqualTo("incident-merged");
              assertThat(e.details()).containsEntry("mergedInto", "survivor");
            })
        .hasMessageContaining("survivor");
    assertThat(published).isEmpty();
  }

  @Test
  void theActorIsTheCertificateNameATokenDigestOrAnonymous() {
    assertThat(ApiCaller.actor(AuthenticationMode.NONE, "Bearer secret", null))
        .isEqualTo("anonymous");
    String byToken = ApiCaller.actor(AuthenticationMode.TOKEN, "Bearer secret", null);
    assertThat(byToken).matches("token:[0-9a-f]{12}").doesNotContain("secret");
    assertThat(ApiCaller.actor(AuthenticationMode.TOKEN, "bearer secret", null)).isEqualTo(byToken);
  }

  private void assertRefused(String body, String reason) {
    assertThatThrownBy(() -> actions.act("i-1", body, "anonymous", null))
        .as(body)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.reason()).isEqualTo(reason);
            });
  }
}
