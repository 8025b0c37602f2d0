package io.palisade.correlation.sigma;

import java.util.Arrays;
import java.util.List;

/**
 * A field name of a Sigma rule, split once at its dots so that events can walk it without
 * re-parsing. {@link #joined(int, int)} gives the pre-built key for a run of segments, for sources
 * whose keys themselves contain dots (Falco's {@code output_fields}, e.g. {@code k8s.ns.name}).
 */
public final class FieldPath {

  private final String name;
  private final String[] segments;
  private final String[][] joined;

  private FieldPath(String name) {
    this.name = name;
    this.segments = name.split("\\.", -1);
    this.joined = new String[segments.length][];
    for (int from = 0; from < segments.length; from++) {
      joined[from] = new String[segments.length - from];
      StringBuilder key = new StringBuilder(segments[from]);
      joined[from][0] = segments[from];
      for (int to = from + 1; to < segments.length; to++) {
        key.append('.').append(segments[to]);
        joined[from][to - from] = key.toString();
      }
    }
  }

  /** The path of a dotted field name such as {@code objectRef.resource}. */
  public static FieldPath of(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a field name must not be empty");
    }
    return new FieldPath(name);
  }

  /** The field name as the rule wrote it (before any logsource alias). */
  public String name() {
    return name;
  }

  public int size() {
    return segments.length;
  }

  public String segment(int index) {
    return segments[index];
  }

  /** Segments {@code from..to} (inclusive) joined with dots. */
  public String joined(int from, int to) {
    return joined[from][to - from];
  }

  public List<String> segments() {
    return Arrays.asList(segments.clone());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldPath path && path.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
