package io.palisade.admission.review;

import java.util.List;
import java.util.Map;

/** The authenticated user who made the request ({@code request.userInfo}). */
public record RequestUser(
    String username, String uid, List<String> groups, Map<String, List<String>> extra) {

  public RequestUser {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }
}
