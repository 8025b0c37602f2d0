package io.palisade.correlation.detect;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who and what is trusted, as configuration ({@code palisade.detection.allow.*}) rather than edits
 * to rules. Patterns are exact names with {@code *} wildcards ({@code system:serviceaccount:kube-
 * system:*}).
 *
 * <p>A match is suppressed when every entity of an allow-listed kind is allow-listed: every
 * ACTOR/SERVICE_ACCOUNT in {@code users}, or every NAMESPACE in {@code namespaces}, or every IMAGE
 * in {@code images} (and the match has at least one such entity). So a trusted controller's request
 * is suppressed, but a trusted user binding an untrusted service account to cluster-admin is not
 * (the service account is an actor entity of that match too).
 */
public final class AllowList {

  private static final AllowList NONE = new AllowList(List.of(), List.of(), List.of());

  private final List<Pattern> users;
  private final List<Pattern> namespaces;
  private final List<Pattern> images;

  public AllowList(List<String> users, List<String> namespaces, List<String> images) {
    this.users = compile(users);
    this.namespaces = compile(namespaces);
    this.images = compile(images);
  }

  /** Nothing is allow-listed. */
  public static AllowList none() {
    return NONE;
  }

  /** Whether a match with these entities is suppressed. */
  public boolean suppresses(List<Entity> entities) {
    return allListed(entities, users, EntityKind.ACTOR, EntityKind.SERVICE_ACCOUNT)
        || allListed(entities, namespaces, EntityKind.NAMESPACE, EntityKind.NAMESPACE)
        || allListed(entities, images, EntityKind.IMAGE, EntityKind.IMAGE);
  }

  private static boolean allListed(
      List<Entity> entities, List<Pattern> patterns, EntityKind kind, EntityKind otherKind) {
    if (patterns.isEmpty()) {
      return false;
    }
    boolean any = false;
    for (Entity entity : entities) {
      if (entity.getKind() == kind || entity.getKind() == otherKind) {
        if (patterns.stream().noneMatch(p -> p.matcher(entity.getName()).matches())) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static List<Pattern> compile(List<String> globs) {
    if (globs == null) {
      return List.of();
    }
    return globs.stream()
        .filter(glob -> glob != null && !glob.isBlank())
        .map(
            glob ->
                Pattern.compile(
                    Arrays.stream(glob.trim().split("\\*", -1))
                        .map(Pattern::quote)
                        .collect(Collectors.joining(".*"))))
        .toList();
  }
}
