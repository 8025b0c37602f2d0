package io.palisade.audit.redact;

/** Told about every value the redactor replaced, e.g. to count them as a metric. */
@FunctionalInterface
public interface RedactionCounter {

  RedactionCounter NONE = (kind, values) -> {};

  /**
   * @param values how many values of this kind were replaced in one event
   */
  void redacted(RedactionKind kind, int values);
}
