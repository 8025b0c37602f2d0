package io.palisade.notify.state;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a receiver should hear about an incident version, given what it was last sent. Sent: a
 * new incident; a severity increase; a new tactic; a new rule in the storyline; the resolution; the
 * merge into another incident (once: nothing after it); a reopened incident; and, for an incident
 * still open, a reminder once the route's repeat interval has passed since the last notification.
 * Not sent: versions that change nothing of the above (a new signal of a known rule, a lower
 * score), versions older than or equal to the one sent (replays), and incidents resolved or merged
 * before anyone was told about them. A pure function.
 */
public final class NotifyPolicy {

  /** Why a version is sent, or why not. */
  public enum Reason {
    NEW(true),
    SEVERITY_INCREASED(true),
    NEW_TACTIC(true),
    NEW_STORYLINE_STEP(true),
    RESOLVED(true),
    MERGED(true),
    REOPENED(true),
    REMINDER(true),
    UNCHANGED(false),
    ALREADY_SENT(false),
    ALREADY_CLOSED(false),
    CLOSED_BEFORE_NOTIFIED(false);

    private final boolean send;

    Reason(boolean send) {
      this.send = send;
    }

    public boolean send() {
      return send;
    }
  }

  private NotifyPolicy() {}

  public static Reason decide(
      Optional<LastSent> last, Incident incident, Instant now, Duration repeatInterval) {
    IncidentStatus status = incident.getStatus();
    if (last.isEmpty()) {
      return status == IncidentStatus.OPEN ? Reason.NEW : Reason.CLOSED_BEFORE_NOTIFIED;
    }
    LastSent sent = last.get();
    if (incident.getVersion() <= sent.version()) {
      return Reason.ALREADY_SENT;
    }
    if (sent.closed()) {
      return status == IncidentStatus.OPEN ? Reason.REOPENED : Reason.ALREADY_CLOSED;
    }
    if (status == IncidentStatus.RESOLVED) {
      return Reason.RESOLVED;
    }
    if (status == IncidentStatus.MERGED) {
      return Reason.MERGED;
    }
    if (incident.getSeverity().ordinal() > sent.severity().ordinal()) {
      return Reason.SEVERITY_INCREASED;
    }
    if (!sent.tactics().containsAll(incident.getTactics())) {
      return Reason.NEW_TACTIC;
    }
    if (!sent.rules().containsAll(List.copyOf(LastSent.rulesOf(incident)))) {
      return Reason.NEW_STORYLINE_STEP;
    }
    if (!now.isBefore(sent.sentAt().plus(repeatInterval))) {
      return Reason.REMINDER;
    }
    return Reason.UNCHANGED;
  }
}
