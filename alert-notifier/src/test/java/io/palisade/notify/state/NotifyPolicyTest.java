package io.palisade.notify.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.notify.IncidentFixtures;
import io.palisade.notify.state.NotifyPolicy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifyPolicyTest {

  private static final Instant SENT = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant SOON = SENT.plus(Duration.ofMinutes(5));
  private static final Duration REPEAT = Duration.ofHours(4);

  /** exec-reverse-shell as version 4: CRITICAL, two tactics, four rules. */
  private final Incident sent = IncidentFixtures.incident("exec-reverse-shell");

  private final Optional<LastSent> last = Optional.of(LastSent.of(sent, SENT));

  private Incident.Builder next() {
    return Incident.newBuilder(sent).setVersion(sent.getVersion() + 1);
  }

  private Reason decide(Incident incident) {
    return NotifyPolicy.decide(last, incident, SOON, REPEAT);
  }

  @Test
  void aNewOpenIncidentIsSentAClosedOneNeverToldAboutIsNot() {
    assertThat(NotifyPolicy.decide(Optional.empty(), sent, SOON, REPEAT)).isEqualTo(Reason.NEW);
    assertThat(
            NotifyPolicy.decide(
                Optional.empty(), IncidentFixtures.incident("resolved-incident"), SOON, REPEAT))
        .isEqualTo(Reason.CLOSED_BEFORE_NOTIFIED);
    assertThat(
            NotifyPolicy.decide(
                Optional.empty(), IncidentFixtures.incident("merged-incident"), SOON, REPEAT))
        .isEqualTo(Reason.CLOSED_BEFORE_NOTIFIED);
  }

  @Test
  void versionsThatChangeNothingAHumanCaresAboutAreNotSent() {
    Incident busier =
        next().setScore(95).setSignalCount(9).setLastSeen(SOON).setSeverity(Severity.HIGH).build();

    assertThat(decide(busier)).isEqualTo(Reason.UNCHANGED);
    assertThat(decide(sent)).isEqualTo(Reason.ALREADY_SENT);
  }

  @Test
  void whatMattersIsSent() {
    Incident weaker =
        Incident.newBuilder(sent).setSeverity(Severity.MEDIUM).setTactics(List.of()).build();
    Optional<LastSent> lastWeaker = Optional.of(LastSent.of(weaker, SENT));

    assertThat(NotifyPolicy.decide(lastWeaker, next().build(), SOON, REPEAT))
        .isEqualTo(Reason.SEVERITY_INCREASED);
    assertThat(decide(next().setTactics(List.of("execution", "persistence")).build()))
        .isEqualTo(Reason.NEW_TACTIC);
    Incident fewerRules =
        Incident.newBuilder(sent).setSignals(sent.getSignals().subList(0, 2)).build();
    assertThat(
            NotifyPolicy.decide(
                Optional.of(LastSent.of(fewerRules, SENT)), next().build(), SOON, REPEAT))
        .isEqualTo(Reason.NEW_STORYLINE_STEP);
    assertThat(decide(next().setStatus(IncidentStatus.RESOLVED).build()))
        .isEqualTo(Reason.RESOLVED);
    assertThat(decide(next().setStatus(IncidentStatus.MERGED).setMergedInto("inc-other").build()))
        .isEqualTo(Reason.MERGED);
  }

  @Test
  void anUnchangedOpenIncidentIsRemindedAfterTheRepeatInterval() {
    Incident later = next().build();

    assertThat(NotifyPolicy.decide(last, later, SENT.plus(REPEAT).minusSeconds(1), REPEAT))
        .isEqualTo(Reason.UNCHANGED);
    assertThat(NotifyPolicy.decide(last, later, SENT.plus(REPEAT), REPEAT))
        .isEqualTo(Reason.REMINDER);
  }

  @Test
  void aMergedIncidentNotifiesOnceAndAReopenedOneAgain() {
    Incident merged = next().setStatus(IncidentStatus.MERGED).setMergedInto("inc-other").build();
    Optional<LastSent> afterMerge = Optional.of(LastSent.of(merged, SOON));
    Incident mergedAgain =
        Incident.newBuilder(merged).setVersion(merged.getVersion() + 1).setScore(99).build();
    Incident reopened =
        Incident.newBuilder(merged)
            .setVersion(merged.getVersion() + 2)
            .setStatus(IncidentStatus.OPEN)
            .setMergedInto(null)
            .build();

    assertThat(NotifyPolicy.decide(afterMerge, mergedAgain, SOON.plus(REPEAT), REPEAT))
        .isEqualTo(Reason.ALREADY_CLOSED);
    assertThat(NotifyPolicy.decide(afterMerge, reopened, SOON, REPEAT)).isEqualTo(Reason.REOPENED);
  }
}
