package io.palisade.audit.logfile;

/**
 * One line of the log file.
 *
 * @param offset where the line starts
 * @param end where the next line starts (just past the newline)
 * @param bytes the line without its line terminator; empty when the line was too large to keep
 * @param tooLarge whether the line was longer than the limit and was skipped unread
 */
record LogLine(long offset, long end, byte[] bytes, boolean tooLarge) {

  boolean isBlank() {
    if (tooLarge) {
      return false;
    }
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
