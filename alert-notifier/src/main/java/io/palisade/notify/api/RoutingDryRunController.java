package io.palisade.notify.api;

import io.palisade.notify.routing.CurrentRouting;
import io.palisade.notify.routing.RoutingDecision;
import io.palisade.notify.routing.RoutingSubject;
import io.palisade.notify.silence.Silence;
import io.palisade.notify.silence.SilenceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/routing/dry-run}: which receivers would get the posted incident (the generic
 * webhook's JSON) and why: every route it ends on, the matchers that took it there, whether the
 * route is active at {@code at} (default now), and the silence that would hold it back, if any.
 * Nothing is sent. It routes with the tree in force (the routing file's latest valid content).
 */
@RestController
public class RoutingDryRunController {

  private final CurrentRouting routing;
  private final SilenceStore silences;
  private final Clock clock;

  public RoutingDryRunController(CurrentRouting routing, SilenceStore silences) {
    this.routing = routing;
    this.silences = silences;
    this.clock = Clock.systemUTC();
  }

  /**
   * The answer: the receivers the routes notify at {@code at}, the routes with their reasons, and
   * the id of the silence that would hold the notification back (null when none does).
   */
  public record DryRun(
      Instant at, List<String> receivers, List<RoutingDecision.Match> routes, String silencedBy) {}

  @PostMapping(path = "/api/routing/dry-run", consumes = "application/json")
  public ResponseEntity<?> dryRun(
      @RequestBody JsonNode incident, @RequestParam(required = false) String at) {
    Instant when;
    RoutingSubject subject;
    try {
      when = at == null ? clock.instant() : Instant.parse(at);
      if (!incident.isObject()) {
        throw new IllegalArgumentException("the body must be an incident JSON object");
      }
      subject = RoutingSubject.fromJson(incident);
    } catch (DateTimeParseException e) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "'at' must be an ISO-8601 instant, e.g. 2026-11-27T20:00:00Z"));
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
    RoutingDecision decision = routing.tree().route(subject, when);
    String silencedBy = silences.silencing(subject, when).map(Silence::id).orElse(null);
    return ResponseEntity.ok(
        new DryRun(when, List.copyOf(decision.receivers()), decision.routes(), silencedBy));
  }
}
