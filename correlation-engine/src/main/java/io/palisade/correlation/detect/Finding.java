package io.palisade.correlation.detect;

import io.palisade.avro.Entity;
import io.palisade.avro.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Detection} found in one piece of evidence.
 *
 * @param title short human title, e.g. {@code Exec into pod}
 * @param description longer text, e.g. the request URI or Falco's output line
 * @param severity how urgent
 * @param tactic the ATT&CK tactic as {@code "TA0002 Execution"}, or null when the rule has none
 * @param techniques ATT&CK technique ids, e.g. {@code T1609}
 * @param entities what the evidence touches (actor, pod, namespace, …); duplicates are dropped
 * @param summary one line a human can read, e.g. {@code alice create pods/exec shop/web-7d9f}
 */
public record Finding(
    String title,
    String description,
    Severity severity,
    String tactic,
    List<String> techniques,
    List<Entity> entities,
    String summary) {

  public Finding {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    description = description == null ? "" : description;
    techniques = List.copyOf(techniques);
    entities = entities.stream().filter(Objects::nonNull).distinct().toList();
    summary = summary == null ? "" : summary;
  }
}
