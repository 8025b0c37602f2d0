package io.palisade.notify.silence;

import io.palisade.notify.routing.Matcher;
import io.palisade.notify.routing.RoutingSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A silence: while it is active, incidents matching all its matchers (the routing tree's {@link
 * Matcher} syntax) are not sent to anyone; each such notification is recorded as {@code SILENCED}
 * instead. Nothing is lost: a silenced version is not remembered as sent, so once the silence ends
 * the next version of the incident is news again.
 *
 * @param id a UUID, given at creation
 * @param matchers all must match
 * @param startsAt from when (inclusive)
 * @param endsAt until when (exclusive)
 * @param author who created it
 * @param comment why
 * @param createdAt when it was created
 */
public record Silence(
    String id,
    List<String> matchers,
    Instant startsAt,
    Instant endsAt,
    String author,
    String comment,
    Instant createdAt) {

  public Silence {
    Objects.requireNonNull(id, "id");
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
  }

  /**
   * Checks a silence as posted; every problem is listed.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public Silence validated() {
    List<String> problems = new ArrayList<>();
    if (matchers.isEmpty()) {
      problems.add("a silence needs at least one matcher (it would silence everything)");
    }
    for (String matcher : matchers) {
      try {
        Matcher.parse(matcher);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (startsAt == null || endsAt == null) {
      problems.add("startsAt and endsAt are required (ISO-8601 instants)");
    } else if (!endsAt.isAfter(startsAt)) {
      problems.add("endsAt must be after startsAt");
    }
    if (author == null || author.isBlank()) {
      problems.add("author is required");
    }
    if (comment == null || comment.isBlank()) {
      problems.add("comment is required");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return this;
  }

  public boolean activeAt(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  /** Whether it silences {@code subject} at {@code now}. */
  public boolean silences(RoutingSubject subject, Instant now) {
    return activeAt(now)
        && matchers.stream().map(Matcher::parse).allMatch(matcher -> matcher.matches(subject));
  }
}
