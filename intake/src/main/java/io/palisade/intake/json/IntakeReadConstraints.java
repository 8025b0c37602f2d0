package io.palisade.intake.json;

import io.palisade.intake.InvalidEvidenceException;
import io.palisade.intake.RequestTooLargeException;
import tools.jackson.core.StreamReadConstraints;

/**
 * Jackson's read limits, answering in Palisade's terms: a violation throws the intake's own {@link
 * InvalidEvidenceException} (400) or {@link RequestTooLargeException} (413) with a stable reason,
 * straight out of the parser. Readers that turn every {@code JacksonException} into {@code
 * malformed-json} therefore still report {@code too-deeply-nested} or {@code event-too-large}, and
 * need no code of their own for it.
 */
final class IntakeReadConstraints extends StreamReadConstraints {

  private static final long serialVersionUID = 1L;

  IntakeReadConstraints(
      int maxNestingDepth,
      long maxDocumentLength,
      int maxNumberLength,
      int maxStringLength,
      int maxNameLength) {
    super(maxNestingDepth, maxDocumentLength, -1, maxNumberLength, maxStringLength, maxNameLength);
  }

  @Override
  public void validateNestingDepth(int depth) {
    if (depth > _maxNestingDepth) {
      throw new InvalidEvidenceException(
          "too-deeply-nested", "the JSON is nested more than " + _maxNestingDepth + " levels deep");
    }
  }

  @Override
  public void validateDocumentLength(long length) {
    if (_maxDocLen > 0 && length > _maxDocLen) {
      throw new RequestTooLargeException(
          "body-too-large",
          "the JSON document has more than " + _maxDocLen + " bytes; at most that is accepted");
    }
  }

  @Override
  public void validateStringLength(int length) {
    validateStringLengthLong(length);
  }

  @Override
  public void validateStringLengthLong(long length) {
    if (length > _maxStringLen) {
      throw new RequestTooLargeException(
          "event-too-large",
          "a JSON string is longer than " + _maxStringLen + " characters, the largest event");
    }
  }

  @Override
  public void validateNameLength(int length) {
    if (length > _maxNameLen) {
      throw new InvalidEvidenceException(
          "name-too-long", "a JSON field name is longer than " + _maxNameLen + " characters");
    }
  }

  @Override
  public void validateIntegerLength(int length) {
    validateNumberLength(length);
  }

  @Override
  public void validateFPLength(int length) {
    validateNumberLength(length);
  }

  @Override
  public void validateBigIntegerScale(int scale) {
    // the same bound Jackson applies, so that a number like 1e999999999 is not expanded
    if (Math.abs(scale) > 100_000) {
      throw new InvalidEvidenceException(
          "number-too-long", "a JSON number has a scale of " + scale + "; at most 100000");
    }
  }

  private void validateNumberLength(int length) {
    if (length > _maxNumLen) {
      throw new InvalidEvidenceException(
          "number-too-long", "a JSON number has more than " + _maxNumLen + " digits");
    }
  }
}
