package io.palisade.notify.api;

import io.palisade.notify.silence.Silence;
import io.palisade.notify.silence.SilenceStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST/GET/DELETE /api/silences}: create a silence (matchers, startsAt (default now),
 * endsAt, author, comment), list every silence not deleted, delete one. Answers 400 with every
 * problem of an invalid silence, 404 for an unknown id, 503 while the notifier is not consuming.
 */
@RestController
public class SilencesController {

  private final SilenceStore silences;

  public SilencesController(SilenceStore silences) {
    this.silences = silences;
  }

  /** A silence as posted. */
  public record SilenceRequest(
      List<String> matchers, Instant startsAt, Instant endsAt, String author, String comment) {}

  @PostMapping(path = "/api/silences", consumes = "application/json")
  public ResponseEntity<?> create(@RequestBody SilenceRequest request) throws InterruptedException {
    try {
      Silence created =
          silences.create(
              new Silence(
                  "new",
                  request.matchers(),
                  request.startsAt(),
                  request.endsAt(),
                  request.author(),
                  request.comment(),
                  null));
      return ResponseEntity.status(HttpStatus.CREATED).body(created);
    } catch (SilenceStore.NotStartedException e) {
      return unavailable(e);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
  }

  @GetMapping("/api/silences")
  public ResponseEntity<?> list() {
    try {
      return ResponseEntity.ok(silences.all());
    } catch (SilenceStore.NotStartedException e) {
      return unavailable(e);
    }
  }

  @DeleteMapping("/api/silences/{id}")
  public ResponseEntity<?> delete(@PathVariable String id) throws InterruptedException {
    try {
      return silences.delete(id)
          ? ResponseEntity.noContent().build()
          : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no silence " + id));
    } catch (SilenceStore.NotStartedException e) {
      return unavailable(e);
    }
  }

  private static ResponseEntity<?> unavailable(RuntimeException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("error", e.getMessage()));
  }
}
