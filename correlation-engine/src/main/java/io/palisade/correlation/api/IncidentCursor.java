package io.palisade.correlation.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in the incident list, which is ordered by {@code lastSeen} descending, then id: the
 * last incident of a page. The next page starts strictly after it, so paging is stable while
 * incidents change (an incident that moves up after its page was read is not repeated on later
 * pages). Clients see it as an opaque string.
 */
public record IncidentCursor(Instant lastSeen, String id) {

  /** The list order: most recently active first, ties by id. */
  public static final Comparator<IncidentCursor> ORDER =
      Comparator.comparing(IncidentCursor::lastSeen, Comparator.reverseOrder())
          .thenComparing(IncidentCursor::id);

  private static final String VERSION = "v1";

  public IncidentCursor {
    if (lastSeen == null || id == null) {
      throw new IllegalArgumentException("a cursor needs lastSeen and id");
    }
  }

  /** Whether {@code other} comes after this position in the list order. */
  public boolean precedes(IncidentCursor other) {
    return ORDER.compare(this, other) < 0;
  }

  /** The opaque text given to clients. */
  public String encode() {
    String plain = VERSION + "|" + lastSeen.toEpochMilli() + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws ApiException 400 {@code bad-cursor} when the text is not a cursor this API gave out
   */
  public static IncidentCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|", 3);
      if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
        throw new IllegalArgumentException("not a cursor");
      }
      return new IncidentCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "bad-cursor",
          "cursor: '" + text + "' is not a cursor returned as nextCursor by this API");
    }
  }
}
